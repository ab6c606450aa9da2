using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Organizations;

/// <summary>
/// An organizational unit's rules over its <see cref="OrganizationState"/> at one instant (docs/architecture.md
/// "OrganizationGrain"): creation with its escalation level (R-4.3 three-level warning), the lifecycle
/// <c>Draft → Active ⇄ Suspended → Closed</c> (<see cref="OrganizationStateMachine"/>), the responsible person (R-1.3) and
/// members with template roles (R-1.4). It touches no storage and no other grain: <see cref="OrganizationGrain"/> asks
/// the parent, person and jurisdiction grains, calls it, saves and writes the read-side row. A refused command throws
/// a <see cref="CareGridException"/> before the state is changed.
/// </summary>
/// <param name="localId">The unit's local id (the grain key without the tenant).</param>
/// <param name="state">The unit's state; commands change it in place.</param>
/// <param name="now">The instant of the command (UTC, from the domain clock).</param>
public sealed class OrganizationAggregate(string localId, OrganizationState state, DateTimeOffset now)
{
    /// <summary>Most member roles one unit holds (a school's counselling centre or a district team is far smaller; docs/storage.md).</summary>
    public const int MaxMembers = 5000;

    /// <summary>The idempotency fingerprint of a <c>createOrganization</c> request (docs/idempotency.md); the key itself is left out.</summary>
    public static string Fingerprint(CreateOrganization input) =>
        IdempotencyKey.Fingerprint("createOrganization", input with { IdempotencyKey = null });

    /// <summary>
    /// True when the unit exists and <paramref name="input"/> repeats the keyed request that created it (answer the unit
    /// as it is); false when the unit does not exist yet.
    /// </summary>
    /// <exception cref="CareGridException"><c>ALREADY_EXISTS</c> when the unit exists and this is not a replay of its
    /// creation; <c>IDEMPOTENCY_KEY_REUSED</c> when the key was used for a different request.</exception>
    public bool IsReplayOfCreate(CreateOrganization input, Actor actor, string fingerprint)
    {
        if (!state.Exists)
        {
            return false;
        }

        if (RememberedWrites.Replays(state.CreatedBy, actor.Subject, input.IdempotencyKey, fingerprint, "createOrganization"))
        {
            return true;
        }

        throw new CareGridException(ErrorCodes.AlreadyExists, $"Organization '{localId}' already exists.");
    }

    /// <summary>Checks a creation input and returns the trimmed name. Whether the parent exists is the grain's question.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>name</c> (1–200 characters of stored
    /// text), <c>escalationLevel</c> (1, 2 or 3, R-4.3) or <c>kind</c>.</exception>
    public static string CheckCreate(CreateOrganization input)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw CareGridException.Validation("name", "An organization name is 1–200 characters.");
        }

        StoredText.Ensure(name, "name");
        if (input.EscalationLevel is < 1 or > 3)
        {
            throw CareGridException.Validation("escalationLevel", "The escalation level is 1, 2 or 3 (R-4.3).");
        }

        return Enum.IsDefined(input.Kind) ? name : throw CareGridException.Validation("kind", "Unknown organization kind.");
    }

    /// <summary>
    /// The state of a unit created from <paramref name="input"/> under <paramref name="name"/> (from <see cref="CheckCreate"/>):
    /// <c>Active</c> when <see cref="CreateOrganization.Activate"/>, else <c>Draft</c>; a keyed request is remembered.
    /// </summary>
    public OrganizationState Created(CreateOrganization input, string name, Actor actor, string fingerprint) => new()
    {
        Exists = true,
        CreatedBy = input.IdempotencyKey is { } key ? new RememberedWrite(actor.Subject, key, fingerprint, now) : null,
        Name = name,
        Kind = input.Kind,
        ParentId = input.ParentId,
        EscalationLevel = input.EscalationLevel,
        Status = input.Activate ? OrganizationStatus.Active : OrganizationStatus.Draft,
        CreatedAt = now,
    };

    /// <summary>
    /// Refuses to create a unit under <paramref name="parent"/> (the unit <paramref name="parentId"/> as its grain answers,
    /// null when it was never created) unless it exists and is not closed: a closed unit keeps its history and takes no new
    /// units, cases, people or members (docs/teams.md "Closing a unit", red team RT19-2). Checked before the child is created,
    /// so a refusal leaves nothing behind.
    /// </summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (entity <c>Organization</c>); <c>VALIDATION_FAILED</c> with field
    /// <c>parentId</c> when the parent is closed (English then Simplified Chinese).</exception>
    public static void EnsureParentOpen(string parentId, OrganizationInfo? parent)
    {
        if (parent is null)
        {
            throw CareGridException.NotFound("Organization", parentId);
        }

        if (parent.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("parentId", Bilingual.Join(
                $"The parent unit '{parentId}' is closed: a closed unit keeps its history and takes no new units, and closing is final. Choose an open parent unit.",
                $"上级单位“{parentId}”已关闭：已关闭的单位保留其历史记录，不再接收新的下级单位，且关闭后不能重新启用。请选择一个未关闭的上级单位。"));
        }
    }

    /// <summary>Records a child unit; false when it was recorded already (nothing to save).</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> when this unit does not exist; <c>VALIDATION_FAILED</c> (field
    /// <c>organizationId</c>) when it is closed (RT19-2: a closed unit takes no new units).</exception>
    public bool AddChild(string childId)
    {
        EnsureOpen();
        if (state.ChildIds.Contains(childId))
        {
            return false;
        }

        state.ChildIds.Add(childId);
        return true;
    }

    /// <summary>
    /// Fires a lifecycle trigger; <see cref="OrganizationStateMachine"/> says what is permitted. Closing a unit that still has open
    /// cases is refused (red-team finding F16, docs/teams.md "Closing a unit"): the cases would be left under a unit nobody works
    /// any more, cut off from its staff (need-to-know by organization, docs/access.md).
    /// </summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="openCases">The unit's own open cases (every status but Closed) as the read side counts them; read only for <see cref="OrganizationTrigger.Close"/>.</param>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>; <c>INVALID_TRANSITION</c> with <c>state</c> and <c>permittedTriggers</c>;
    /// <c>UNIT_HAS_OPEN_CASES</c> with <c>organizationId</c> and <c>openCases</c> when closing a unit with open cases;
    /// <c>UNIT_HAS_MEMBERS</c> with <c>organizationId</c> and <c>members</c> when closing a unit that still has members. Nothing changes.</exception>
    public void Fire(OrganizationTrigger trigger, int openCases = 0)
    {
        EnsureExists();
        var machine = OrganizationStateMachine.Over(state);
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.Status, trigger, machine.Permitted());
        }

        if (trigger == OrganizationTrigger.Close && openCases > 0)
        {
            throw UnitHasOpenCases(openCases);
        }

        if (trigger == OrganizationTrigger.Close && state.Members.Count > 0)
        {
            throw UnitHasMembers(state.Members.Select(m => m.PersonId).Distinct(StringComparer.Ordinal).Count());
        }

        machine.Fire(trigger);
    }

    private CareGridException UnitHasMembers(int members) => new(ErrorCodes.UnitHasMembers,
        Imports.Bilingual.Join(
            $"Unit '{localId}' still has {members} member(s); their membership would keep giving them this unit's records although the unit is closed. "
            + "Take them off first (removeOrganizationMember; a member who still owns open work is handed over with reassignWork), then close the unit. Nothing was changed.",
            $"单位“{localId}”还有 {members} 名成员；单位关闭后，其成员身份仍会使他们能查看本单位的记录。请先移除这些成员（removeOrganizationMember；仍负责未完成工作的成员请先用 reassignWork 移交），再关闭该单位。设置未作更改。"),
        new Dictionary<string, string>
        {
            ["organizationId"] = localId, ["members"] = members.ToString(System.Globalization.CultureInfo.InvariantCulture), ["next"] = "removeOrganizationMember",
        });

    private CareGridException UnitHasOpenCases(int openCases) => new(ErrorCodes.UnitHasOpenCases,
        Imports.Bilingual.Join(
            $"Unit '{localId}' still has {openCases} open case(s); closing it would leave them under a unit nobody works any more. "
            + "Close those cases first (closeCase), or suspend the unit instead (suspendOrganization). Nothing was changed.",
            $"单位“{localId}”还有 {openCases} 个未结案的个案；关闭该单位会使这些个案失去负责人员。请先结案（closeCase），或改为暂停该单位（suspendOrganization）。设置未作更改。"),
        new Dictionary<string, string>
        {
            ["organizationId"] = localId, ["openCases"] = openCases.ToString(System.Globalization.CultureInfo.InvariantCulture), ["next"] = "closeCase",
        });

    /// <summary>Names (or clears, with null) the person responsible (R-1.3); false when unchanged. The grain checks that the person exists.</summary>
    public bool SetResponsiblePerson(string? personId)
    {
        EnsureOpen();
        if (state.ResponsiblePersonId == personId)
        {
            return false;
        }

        state.ResponsiblePersonId = personId;
        return true;
    }

    /// <summary>True when <paramref name="personId"/> holds <paramref name="role"/> here already.</summary>
    public bool HoldsRole(string personId, string role) => state.Members.Any(m => m.PersonId == personId && m.Role == role);

    /// <summary>
    /// Gives a person a role (R-1.4) after the grain checked the role against the template (<see cref="EnsureRoleFits"/>)
    /// and that the person exists.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (field <c>personId</c>) past <see cref="MaxMembers"/>.</exception>
    public void AddMember(string personId, string role, Actor actor)
    {
        if (state.Members.Count >= MaxMembers)
        {
            throw CareGridException.Validation("personId",
                $"A unit holds at most {MaxMembers} member roles (its stored state is bounded, docs/storage.md); remove former members or split the unit.");
        }

        state.Members.Add(new OrganizationMember(personId, role, now, actor.Subject));
    }

    /// <summary>Takes a role away from a person.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (the unit, or entity <c>OrganizationMember</c> when the person does not hold the role).</exception>
    public void RemoveMember(string personId, string role)
    {
        EnsureExists();
        var index = state.Members.FindIndex(m => m.PersonId == personId && m.Role == role);
        if (index < 0)
        {
            throw new CareGridException(ErrorCodes.NotFound, $"Person '{personId}' holds no role '{role}' in '{localId}'.",
                new Dictionary<string, string> { ["entity"] = "OrganizationMember", ["id"] = personId });
        }

        state.Members.RemoveAt(index);
    }

    /// <summary>
    /// Checks that <paramref name="role"/> is a role of <paramref name="template"/> that can be held in a unit of
    /// <paramref name="kind"/> (R-1.4, R-7.5); without a template any well-formed code is accepted.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>role</c>.</exception>
    public static void EnsureRoleFits(JurisdictionTemplate? template, string role, OrganizationKind kind)
    {
        if (!JurisdictionTemplateCatalog.IsCode(role))
        {
            throw CareGridException.Validation("role", "A role code is 1–64 ASCII letters and digits, not the role's name (e.g. HomeroomTeacher for a homeroom teacher).");
        }

        if (template is null)
        {
            return;
        }

        var r = template.Role(role)
            ?? throw CareGridException.Validation("role", $"Unknown role '{role}' in template '{template.Id}'. Roles: {string.Join(", ", template.Roles.Select(x => x.Code))}.");
        if (!r.OrganizationKinds.Contains(kind))
        {
            throw CareGridException.Validation("role", $"Role '{role}' is held in {string.Join(", ", r.OrganizationKinds)}, not in a {kind}.");
        }
    }

    /// <summary>Refuses a change to a unit that does not exist or is closed (a closed unit keeps its history).</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>; <c>VALIDATION_FAILED</c> with field <c>organizationId</c>.</exception>
    public void EnsureOpen()
    {
        EnsureExists();
        if (state.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "The organization is closed: it keeps its history and takes no changes.");
        }
    }

    /// <summary>Refuses a command on a unit that was never created.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (entity <c>Organization</c>).</exception>
    public void EnsureExists()
    {
        if (!state.Exists)
        {
            throw CareGridException.NotFound("Organization", localId);
        }
    }
}
