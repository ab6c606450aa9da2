using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Organizations;

/// <summary>One organizational unit of a tenant's tree. Key: <c>"{tenant}/{organizationId}"</c>.</summary>
public interface IOrganizationGrain : ITenantScopedGrain
{
    /// <summary>Creates the unit. Fails with <c>ALREADY_EXISTS</c> when it exists, <c>VALIDATION_FAILED</c> on bad input, <c>NOT_FOUND</c> when the parent does not exist.</summary>
    Task<OrganizationInfo> Create(CreateOrganization input, Actor actor);

    /// <summary>The unit, or null when it was never created.</summary>
    Task<OrganizationInfo?> Get();

    /// <summary>Records a child unit (called by the child's <see cref="Create"/>). Fails with <c>NOT_FOUND</c> when this unit does not exist.</summary>
    Task AddChild(string childId);

    /// <summary>Fires a lifecycle trigger; <c>INVALID_TRANSITION</c> when not permitted in the current state.</summary>
    Task<OrganizationInfo> Fire(OrganizationTrigger trigger, Actor actor);

    /// <summary>Erases the stored state (tenant deletion after export); the grain then deactivates.</summary>
    Task Purge();
}
