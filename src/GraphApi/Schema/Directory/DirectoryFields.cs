using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The directory area: people and organizations, jurisdiction templates, organization health. Lists come from
/// the per-tenant read side and carry only non-sensitive fields; sensitive person data (contacts, census records) is
/// only on the single <c>person</c> query (and the person commands), under need-to-know. TenantAdmin manages structure;
/// case staff read and update people.
/// </summary>
public sealed class DirectoryFields(
    IGrainFactory grains,
    IReadModelStore readModel,
    JurisdictionTemplateCatalog templates,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> TenantRoles = Roles.All.Where(r => r != Roles.PlatformAdmin).ToList();
    private static readonly IReadOnlyList<string> Structure = [Roles.TenantAdmin];
    private static readonly IReadOnlyList<string> HealthReaders = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationSummaryType>>>>("organizations")
            .Description("The tenant's organizations from the read side (any tenant role). Ordered by id, or with tree: true depth-first "
                + "(each unit before its children, siblings by id). root: only that unit and its subtree; kind: only units of that kind.")
            .Argument<IdGraphType>("root")
            .Argument<BooleanGraphType>("tree")
            .Argument<EnumerationGraphType<OrganizationKind>>("kind")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole(TenantRoles);
                return Tree(await readModel.ListOrganizationsAsync(tenant.Id), ctx.GetArgument<string?>("root"),
                    ctx.GetArgument<bool?>("tree") == true, ctx.GetArgument<OrganizationKind?>("kind"));
            });

        query.Field<NonNullGraphType<PersonConnectionType>>("people")
            .Description("People of the tenant from the read side, ordered by id, cursor-paginated (first 1–100, default 20); items carry only "
                + "id, displayName and organizationId (Coordinator, Counsellor, Clinician, Caseworker, Supervisor, TenantAdmin). "
                + "organization is kept for compatibility: filter.organization wins.")
            .Argument<PeopleFilterInputType>("filter")
            .Argument<IdGraphType>("organization")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var f = ctx.GetArgument<Dictionary<string, object?>>("filter") ?? new Dictionary<string, object?>();
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                var after = Cursors.Decode(ctx.GetArgument<string?>("after"));
                var targetGroup = f.Str("targetGroup");
                if (targetGroup is not null && !PersonValidation.IsCode(targetGroup))
                {
                    throw CareGridException.Validation("filter.targetGroup", "A target group code is 1–64 letters and digits.");
                }

                IReadOnlyCollection<string>? units = null;
                if ((f.Str("organization") ?? ctx.GetArgument<string?>("organization")) is { } org)
                {
                    units = f.TryGetValue("includeSubtree", out var sub) && sub is true
                        ? OrganizationHealth.Subtree(await readModel.ListOrganizationsAsync(tenant.Id), org)
                        : [org];
                }

                var query = new PersonQuery(units, targetGroup, f.Enum<MonitoringLevel>("monitoringLevel"), f.TryGetValue("staff", out var s) ? s as bool? : null);
                var page = await readModel.QueryPeopleAsync(tenant.Id, query, first, after);
                return new Connection<PersonRow>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Id) : null));
            });

        query.Field<NonNullGraphType<OrganizationHealthType>>("organizationHealth")
            .Description("Checks the tenant's template health rules (TenantAdmin, Supervisor, Coordinator): R-7.5 a boy and a girl among each class's "
                + "psychology committee members; R-2.7 a town psychological specialist and a staff member per village or community; R-1.4/R-7.7 "
                + "members whose role needs qualifications hold them unexpired (those who do not cannot act). root: only that subtree. Errors: NOT_FOUND (root).")
            .Argument<IdGraphType>("root")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole(HealthReaders);
                var root = ctx.GetArgument<string?>("root") is { } r ? LocalIds.Check(r, "root") : null;
                return await OrganizationHealth.CheckAsync(grains, readModel, tenant.Id, root, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            });

        query.Field<NonNullGraphType<JurisdictionType>>("jurisdiction")
            .Description("The jurisdiction template the tenant runs on: organization kinds, roles, escalation chain, deadlines, instruments, health rules (any tenant role).")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole(TenantRoles);
                return await grains.GetRef<IJurisdictionGrain>(tenant.Id).Get();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<JurisdictionTemplateType>>>>("jurisdictionTemplates")
            .Description("The templates onboardTenant(input: {template}) accepts: district, town, school (any authenticated caller).")
            .Resolve(ctx =>
            {
                ctx.Caller().RequireActor();
                return templates.All;
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<JurisdictionType>>("applyJurisdictionTemplate")
            .Description("Provisions the tenant from a template, for a tenant onboarded without one (TenantAdmin). Same template again: no-op. "
                + "Errors: VALIDATION_FAILED (template: unknown or for another tenant kind), ALREADY_EXISTS (another template was applied).")
            .Argument<NonNullGraphType<StringGraphType>>("template")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Structure);
                return await grains.GetRef<IJurisdictionGrain>(tenant.Id).ApplyTemplate(ctx.GetArgument<string>("template"), actor);
            });

        Lifecycle(mutation, "activateOrganization", OrganizationTrigger.Activate, "DRAFT | SUSPENDED → ACTIVE (TenantAdmin).");
        Lifecycle(mutation, "suspendOrganization", OrganizationTrigger.Suspend, "ACTIVE → SUSPENDED (TenantAdmin).");
        Lifecycle(mutation, "closeOrganization", OrganizationTrigger.Close,
            "DRAFT | ACTIVE | SUSPENDED → CLOSED (TenantAdmin). A closed unit keeps its history and takes no new cases, people or members.");

        mutation.Field<NonNullGraphType<OrganizationType>>("setResponsiblePerson")
            .Description("Names the person responsible for a unit (R-1.3), or clears it when personId is omitted (TenantAdmin). Errors: NOT_FOUND, VALIDATION_FAILED (closed unit).")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<IdGraphType>("personId")
            .ResolveAsync(async ctx =>
            {
                var (org, actor) = Organization(ctx);
                var person = ctx.GetArgument<string?>("personId") is { } p ? LocalIds.Check(p, "personId") : null;
                return await org.SetResponsiblePerson(person, actor);
            });

        mutation.Field<NonNullGraphType<OrganizationType>>("addOrganizationMember")
            .Description("Gives a person a role of the tenant's template in a unit (TenantAdmin, R-1.4); idempotent. "
                + "Errors: VALIDATION_FAILED (role unknown or not held in this kind of unit; closed unit), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("role")
            .ResolveAsync(async ctx =>
            {
                var (org, actor) = Organization(ctx);
                return await org.AddMember(LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), ctx.GetArgument<string>("role"), actor);
            });

        mutation.Field<NonNullGraphType<OrganizationType>>("removeOrganizationMember")
            .Description("Takes a role away (TenantAdmin). Errors: NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("role")
            .ResolveAsync(async ctx =>
            {
                var (org, actor) = Organization(ctx);
                return await org.RemoveMember(LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), ctx.GetArgument<string>("role"), actor);
            });

        mutation.Field<NonNullGraphType<PersonType>>("updatePerson")
            .Description("Changes a person's identifying data (case staff, need-to-know as for person). Errors: VALIDATION_FAILED (with field), NOT_FOUND, FORBIDDEN.")
            .Argument<NonNullGraphType<UpdatePersonInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var input = ctx.Input();
                var id = LocalIds.Check(input.Str("id"), "id");
                var org = LocalIds.Check(input.Str("organizationId"), "organizationId");
                return await (await KnownPersonAsync(tenant, id, actor)).Update(new UpdatePerson(input.Str("displayName") ?? "", org, input.Enum<Sex>("sex") ?? Sex.Unspecified,
                    input.Int("birthYear"), input.Str("externalId"), input.Date("dateOfBirth")), actor);
            });

        mutation.Field<NonNullGraphType<PersonType>>("setTargetGroup")
            .Description("Adds or replaces a person's period in a target group (R-1.2; from/until inclusive, open when omitted) (case staff).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .Argument<DateOnlyGraphType>("from")
            .Argument<DateOnlyGraphType>("until")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor)).SetTargetGroup(
                    ctx.GetArgument<string>("code"), ctx.GetArgument<DateOnly?>("from"), ctx.GetArgument<DateOnly?>("until"), actor);
            });

        mutation.Field<NonNullGraphType<PersonType>>("setPersonContacts")
            .Description("Replaces a person's guardians, parents and emergency contacts, at most 10 (R-6.2, R-1.10) (case staff). Errors: VALIDATION_FAILED (contacts[i].field).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ContactInputType>>>>("contacts")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                var contacts = (ctx.GetArgument<List<Dictionary<string, object?>>>("contacts") ?? [])
                    .Select(c => new PersonContact(c.Enum<ContactKind>("kind") ?? ContactKind.Guardian, c.Str("name") ?? "", c.Str("relationship"), c.Str("phone"), c.Str("workplace")))
                    .ToList();
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor)).SetContacts(contacts, actor);
            });

        mutation.Field<NonNullGraphType<PersonType>>("changeMonitoringLevel")
            .Description("Moves a person in the three-level archive (R-7.4): START_TRACKING (NONE | CENSUS → TRACKING), OPEN_INDIVIDUAL_CASE (→ INDIVIDUAL_CASE), "
                + "STEP_DOWN (INDIVIDUAL_CASE → TRACKING → CENSUS), RECORD_CENSUS (NONE → CENSUS) (case staff). Errors: INVALID_TRANSITION.")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<EnumerationGraphType<MonitoringTrigger>>>("action")
            .Argument<StringGraphType>("reason")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Roles.CaseStaff);
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor))
                    .ChangeMonitoring(ctx.GetArgument<MonitoringTrigger>("action"), ctx.GetArgument<string?>("reason"), actor);
            });

        mutation.Field<NonNullGraphType<PersonType>>("setQualifications")
            .Description("Replaces a staff member's qualifications, at most 20, and optionally their login sub (TenantAdmin; R-1.4, R-7.7).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<QualificationInputType>>>>("qualifications")
            .Argument<StringGraphType>("staffSubject")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Structure);
                var list = (ctx.GetArgument<List<Dictionary<string, object?>>>("qualifications") ?? [])
                    .Select(q => new Qualification(q.Str("code") ?? "", q.TryGetValue("validUntil", out var v) && v is DateOnly d ? d : null))
                    .ToList();
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor))
                    .SetQualifications(list, ctx.GetArgument<string?>("staffSubject"), actor);
            });
    }

    /// <summary>
    /// Rows with depth and child count: optionally only the subtree of <paramref name="root"/> (empty when it does not exist)
    /// and only <paramref name="kind"/>; by id, or depth-first when <paramref name="tree"/>.
    /// </summary>
    public static IReadOnlyList<OrganizationTreeRow> Tree(IReadOnlyList<OrganizationRow> rows, string? root, bool tree, OrganizationKind? kind)
    {
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var children = rows.Where(r => r.ParentId is not null && byId.ContainsKey(r.ParentId))
            .ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(OrganizationRow r)
        {
            if (depth.TryGetValue(r.Id, out var d))
            {
                return d;
            }

            d = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal) { r.Id };
            for (var p = r.ParentId; p is not null && byId.TryGetValue(p, out var parent) && seen.Add(p); p = parent.ParentId)
            {
                d++;
            }

            return depth[r.Id] = d;
        }

        IEnumerable<OrganizationRow> ordered;
        if (tree)
        {
            var list = new List<OrganizationRow>(rows.Count);
            var starts = root is null
                ? rows.Where(r => r.ParentId is null || !byId.ContainsKey(r.ParentId)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList()
                : byId.TryGetValue(root, out var start) ? [start] : [];
            var stack = new Stack<OrganizationRow>(Enumerable.Reverse(starts));
            var visited = new HashSet<string>(StringComparer.Ordinal);
            while (stack.TryPop(out var r))
            {
                if (!visited.Add(r.Id))
                {
                    continue;
                }

                list.Add(r);
                foreach (var c in children[r.Id].OrderByDescending(c => c.Id, StringComparer.Ordinal))
                {
                    stack.Push(c);
                }
            }

            ordered = list;
        }
        else
        {
            ordered = root is null ? rows : byId.ContainsKey(root) ? rows.Where(r => OrganizationHealth.Subtree(rows, root).Contains(r.Id)) : [];
        }

        return ordered.Where(r => kind is null || r.Kind == kind)
            .Select(r => new OrganizationTreeRow(r, Depth(r), children[r.Id].Count()))
            .ToList();
    }

    private void Lifecycle(ObjectGraphType mutation, string name, OrganizationTrigger trigger, string description) =>
        mutation.Field<NonNullGraphType<OrganizationType>>(name)
            .Description(description + " Errors: INVALID_TRANSITION (with state and permittedTriggers), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.Caller().RequireTenantRole(Structure);
                var id = LocalIds.Check(ctx.GetArgument<string>("id"), "id");
                return await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Fire(trigger, actor);
            });

    private (IOrganizationGrain Grain, Actor Actor) Organization(IResolveFieldContext ctx)
    {
        var (tenant, actor) = ctx.Caller().RequireTenantRole(Structure);
        var id = LocalIds.Check(ctx.GetArgument<string>("organizationId"), "organizationId");
        return (grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)), actor);
    }

    /// <summary>
    /// The person's grain, for a command that returns the person's record: <c>NOT_FOUND</c> when there is no such person,
    /// <c>FORBIDDEN</c> (rule need-to-know) unless the caller works on one of the person's open cases or broke the glass —
    /// the same rule as the <c>person</c> query, checked before anything changes.
    /// </summary>
    private async Task<IPersonGrain> KnownPersonAsync(TenantInfo tenant, string id, Actor actor)
    {
        var grain = grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id));
        await grain.EnsureNeedToKnow(actor);
        return grain;
    }
}
