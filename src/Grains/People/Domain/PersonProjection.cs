using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.People.Domain;

/// <summary>What a person's state shows: the <see cref="PersonInfo"/> returned to callers and the row of the <c>people</c> list.</summary>
public static class PersonProjection
{
    /// <summary>The person as returned (sensitive fields included; the API shows them only on need-to-know).</summary>
    public static PersonInfo Info(string tenantId, string localId, PersonState s) =>
        new(tenantId, localId, s.DisplayName, s.OrganizationId, s.Sex, s.BirthYear, s.ExternalId, [.. s.TargetGroups], [.. s.Consents], s.RegisteredAt)
        {
            TargetGroupPeriods = [.. s.TargetGroupPeriods],
            Contacts = [.. s.Contacts],
            Monitoring = s.Monitoring,
            MonitoringHistory = [.. s.MonitoringHistory],
            Roles = [.. s.Roles],
            Qualifications = [.. s.Qualifications],
            StaffSubject = s.StaffSubject,
            CensusRecords = [.. s.CensusRecords],
            UpdatedAt = s.UpdatedAt ?? s.RegisteredAt,
            DateOfBirth = s.DateOfBirth,
            ReplacedContacts = s.ReplacedContacts is { } replaced ? [.. replaced] : [],
        };

    /// <summary>The read-side row of the <c>people</c> list (no sensitive field): staff when they hold a staff role, a qualification or a login sub.</summary>
    public static PersonRow Row(string tenantId, string localId, PersonState s) => new(tenantId, localId, s.DisplayName, s.OrganizationId)
    {
        Monitoring = s.Monitoring,
        TargetGroups = [.. s.TargetGroups],
        IsStaff = s.Roles.Any(r => r.Staff) || s.Qualifications.Count > 0 || s.StaffSubject is not null,
        ExternalId = s.ExternalId,
    };
}
