using Azure;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Which failures a client may retry: transient cluster faults answer <c>UNAVAILABLE</c>, storage write conflicts
/// <c>CONFLICT_RETRY</c> — whichever provider raised them and however the storage bridge wrapped them.
/// </summary>
[Trait("tier", "domain")]
public sealed class ClusterFaultsShould
{
    public static TheoryData<Exception> Transient() =>
    [
        new SiloUnavailableException("silo S127.0.0.1:11111 is dead"),
        // Its constructors are internal; the runtime raises it when a message to a lost silo cannot be sent.
        (Exception)Activator.CreateInstance(typeof(OrleansMessageRejectionException), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic,
            null, ["Exception while sending message: Unable to connect to S127.0.0.1:42497"], null)!,
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        new RequestFailedException(503, "Server busy"),
        new RequestFailedException("Connection refused"),
        new HttpRequestException("Connection refused"),
        new OrleansException("Error from storage provider", new RequestFailedException(500, "Operation timed out")),
        new AggregateException(new ArgumentException("other"), new SiloUnavailableException()),
    ];

    public static TheoryData<Exception> NotTransient() =>
    [
        new ArgumentException("bad input"),
        new CareGridException(ErrorCodes.NotFound, "no such case"),
        new InvalidOperationException("a bug"),
        new RequestFailedException(404, "Not found"),
        new OrleansException("Some other failure"),
    ];

    public static TheoryData<Exception> Conflicts() =>
    [
        new InconsistentStateException("ETag mismatch", "stored", "current"),
        new TableStorageUpdateConditionNotSatisfiedException("case", "case/t/c-1", "OrleansGrainState", "stored", "current", new RequestFailedException(412, "Precondition failed")),
        new OrleansException("Error from storage provider", new RequestFailedException(412, "Precondition failed")),
        new OrleansException("Error from storage provider", new RequestFailedException(409, "Entity already exists")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void Call_silo_loss_timeouts_and_unreachable_storage_transient(Exception fault) =>
        Assert.True(ClusterFaults.IsTransient(fault), fault.ToString());

    [Theory]
    [MemberData(nameof(NotTransient))]
    public void Not_call_domain_errors_or_bugs_transient(Exception fault) =>
        Assert.False(ClusterFaults.IsTransient(fault), fault.ToString());

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Recognise_an_ETag_conflict_from_any_provider(Exception fault) =>
        Assert.True(PersistentStateExtensions.IsWriteConflict(fault), fault.ToString());

    [Fact]
    public void Not_call_other_storage_failures_a_conflict()
    {
        Assert.False(PersistentStateExtensions.IsWriteConflict(new RequestFailedException(503, "Server busy")));
        Assert.False(PersistentStateExtensions.IsWriteConflict(new OrleansException("Error from storage provider", new TimeoutException())));
    }

    [Fact]
    public void Describe_UNAVAILABLE_without_internal_detail()
    {
        var error = ClusterFaults.Unavailable();
        Assert.Equal(ErrorCodes.Unavailable, error.Code);
        Assert.DoesNotContain("Exception", error.Message);
        Assert.Empty(error.Details);
    }
}
