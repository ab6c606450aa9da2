using Azure;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Durable;

/// <summary>
/// A grain state too large for Azure Table Storage (1 MiB per entity) is refused with the stable code STORAGE_LIMIT,
/// never INTERNAL, and the in-memory state is read back (docs/storage.md).
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class StorageLimitShould(AzuriteFixture azurite)
{
    [SkippableFact]
    public async Task Answer_STORAGE_LIMIT_for_a_state_past_the_entity_limit_and_keep_the_stored_one()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "limit");
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next()));
            _ = factory.Server; // starts the silo and its storage
            var state = new OnDemandPersistentState<TenantState>("tenant", GrainId.Create("limit-test", Guid.NewGuid().ToString("N")),
                StorageNames.Default, factory.Services);
            await state.EnsureLoadedAsync();
            state.State.Name = "Small";
            await state.CommitAsync();

            state.State.History = [.. Enumerable.Range(0, 600).Select(i => new string('x', 2000) + i)];
            var error = await Assert.ThrowsAsync<CareGridException>(state.CommitAsync);

            Assert.Equal(ErrorCodes.StorageLimit, error.Code);
            Assert.Equal("Small", state.State.Name);
            Assert.Empty(state.State.History);
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    public static TheoryData<Exception> SizeFaults => new()
    {
        new ArgumentOutOfRangeException("GrainState.Size", "Data too large to write to Azure table. Size=2000000 MaxSize=983040"),
        new RequestFailedException(413, "Request body too large"),
        new RequestFailedException(400, "The entity is larger than the maximum allowed size (1MB).", "EntityTooLarge", null),
        new OrleansException("Error from storage provider", new RequestFailedException(400, "Property value too large", "PropertyValueTooLarge", null)),
    };

    [Theory]
    [MemberData(nameof(SizeFaults))]
    public void Recognise_a_size_limit_from_the_provider_or_the_service(Exception fault) =>
        Assert.True(PersistentStateExtensions.IsSizeLimit(fault), fault.ToString());

    [Fact]
    public void Not_call_other_failures_a_size_limit()
    {
        Assert.False(PersistentStateExtensions.IsSizeLimit(new RequestFailedException(503, "Server busy")));
        Assert.False(PersistentStateExtensions.IsSizeLimit(new ArgumentOutOfRangeException("level", "Unknown level.")));
    }
}
