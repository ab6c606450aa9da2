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

    /// <summary>
    /// Names the person responsible for the unit, or clears it with null. <c>NOT_FOUND</c> (unit or person),
    /// <c>VALIDATION_FAILED</c> (field <c>organizationId</c>) when the unit is closed.
    /// </summary>
    Task<OrganizationInfo> SetResponsiblePerson(string? personId, Actor actor);

    /// <summary>
    /// Gives a person a role in the unit. The role must be one of the tenant's jurisdiction template that can be
    /// held in this kind of unit (<c>VALIDATION_FAILED</c>, field <c>role</c>); the person must exist (<c>NOT_FOUND</c>);
    /// a closed unit takes no members (<c>VALIDATION_FAILED</c>, field <c>organizationId</c>). Idempotent: giving a role
    /// the person already holds here changes nothing. The person's own record lists the role too.
    /// </summary>
    Task<OrganizationInfo> AddMember(string personId, string role, Actor actor);

    /// <summary>
    /// Takes a role away from a person (history of the unit is kept in its members' <c>since</c> dates). <c>NOT_FOUND</c> when
    /// the person does not hold it; <c>MEMBER_HAS_OPEN_WORK</c> (with the counts) when it is a staff role, the person holds no
    /// other staff role of the same access role, and their login sub still owns open cases or tasks: move them first with
    /// <c>reassignWork</c> (docs/staff-changes.md). Nothing changes when refused.
    /// </summary>
    Task<OrganizationInfo> RemoveMember(string personId, string role, Actor actor);

    /// <summary>Erases the stored state (tenant deletion after export); the grain then deactivates.</summary>
    Task Purge();
}
