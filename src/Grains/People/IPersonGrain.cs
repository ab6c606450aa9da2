using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People;

/// <summary>Someone the tenant serves. Key: <c>"{tenant}/{personId}"</c>.</summary>
public interface IPersonGrain : ITenantScopedGrain
{
    /// <summary>Registers the person. Fails with <c>ALREADY_EXISTS</c>, <c>VALIDATION_FAILED</c>, or <c>NOT_FOUND</c> (organization).</summary>
    Task<PersonInfo> Register(RegisterPerson input, Actor actor);

    /// <summary>The person, or null when never registered.</summary>
    Task<PersonInfo?> Get();

    /// <summary>
    /// Records a consent decision for a purpose. Permitted: <c>Pending → Granted | Refused</c>,
    /// <c>Refused → Granted</c> (asked again), <c>Granted → Withdrawn</c>, <c>Withdrawn → Granted</c>;
    /// anything else is <c>INVALID_TRANSITION</c>. <c>NOT_FOUND</c> when the person does not exist.
    /// </summary>
    Task<PersonInfo> RecordConsent(ConsentPurpose purpose, ConsentStatus decision, ConsentGivenBy givenBy, Actor actor);

    /// <summary>Erases the stored state (tenant deletion after export); the grain then deactivates.</summary>
    Task Purge();
}
