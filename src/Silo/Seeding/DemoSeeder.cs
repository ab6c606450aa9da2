using CareGrid.Grains.Hosting;
using System.Text.Json;
using System.Text.Json.Serialization;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Silo.Seeding;

/// <summary>
/// Loads <c>seeds/demo/*.json</c> on start (embedded mode, <c>Seed:Demo</c> true, <c>--no-seed</c> turns it off):
/// seven tenants, one per plan (a district, a town and five schools, docs/demo.md), each provisioned from its jurisdiction template
/// (seeds/templates) and then given the seed's own units, people, staff (members of their units, docs/demo.md) and cases. A tenant already in the registry is
/// skipped, so a durable store is seeded once. Runs before the server starts listening.
/// </summary>
public sealed class DemoSeeder(IGrainFactory grains, TenantOnboarding onboarding, Microsoft.Extensions.Options.IOptions<SeedOptions> options, ILogger<DemoSeeder> logger) : IHostedService
{
    /// <summary>JSON options of seed files: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.Folder;
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Demo seed folder {Folder} not found; starting without demo data", folder);
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var seed = await JsonSerializer.DeserializeAsync<SeedFile>(stream, JsonOptions, cancellationToken)
                ?? throw new InvalidDataException($"Seed file {file} is empty.");
            await SeedAsync(seed);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Onboards one seed tenant and its data through the grains, unless the tenant exists.</summary>
    public async Task SeedAsync(SeedFile seed)
    {
        var t = seed.Tenant;
        if (await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(t.Id) is not null)
        {
            logger.LogInformation("Demo tenant {Tenant} exists; not seeding it again", t.Id);
            return;
        }

        TenantContext.Set(t.Id);
        try
        {
            var system = Actor.System;
            try
            {
                await onboarding.OnboardAsync(
                    new OnboardTenant(t.Id, t.Name, t.Kind, t.ParentId, t.TimeZone ?? "", t.FirstAdminSubject, t.FirstAdminName ?? ""), t.Template, system);
            }
            catch (CareGridException ex) when (ex.Code == ErrorCodes.AlreadyExists && ex.Details.GetValueOrDefault("field") == "id")
            {
                // Another silo of a durable cluster, starting at the same time, is seeding this tenant.
                logger.LogInformation("Demo tenant {Tenant} is being seeded by another silo; not seeding it here", t.Id);
                return;
            }

            if (t.StatisticsSharing)
            {
                await grains.GetRef<ITenantGrain>(t.Id).SetStatisticsSharing(true, system);
            }

            await SeedContentAsync(seed, system);
            logger.LogInformation("Seeded demo tenant {Tenant}: {Orgs} organizations, {People} people, {Staff} staff, {Cases} cases",
                t.Id, seed.Organizations.Count, seed.People.Count, seed.Staff?.Count ?? 0, seed.Cases.Count);
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    /// <summary>
    /// Registers the seed's staff through the calls a TenantAdmin makes (<c>registerPerson</c>, <c>setQualifications</c> with
    /// <c>staffSubject</c>, <c>addOrganizationMember</c>), so their demo tokens reach their units (need-to-know by organization,
    /// docs/access.md, docs/demo.md). Each step is idempotent: a person already registered is kept and a role already held is not added again.
    /// </summary>
    private async Task SeedStaffAsync(string tenantId, IReadOnlyList<SeedStaff> staff, Actor system)
    {
        foreach (var member in staff)
        {
            var home = member.Memberships.FirstOrDefault()
                ?? throw new InvalidDataException($"Seed staff {member.Id} of {tenantId} has no membership.");
            var person = grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, member.Id));
            if (await person.Get() is null)
            {
                await person.Register(new RegisterPerson(member.DisplayName, home.OrganizationId, member.Sex, member.BirthYear, null, []), system);
            }

            await person.SetQualifications([.. (member.Qualifications ?? []).Select(code => new Qualification(code, null))], member.Subject, system);
            foreach (var m in member.Memberships)
            {
                await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenantId, m.OrganizationId)).AddMember(member.Id, m.Role, system);
            }
        }
    }

    /// <summary>Creates the seed's own units (those not made by its template), registers its people and reports its cases.</summary>
    private async Task SeedContentAsync(SeedFile seed, Actor system)
    {
        var t = seed.Tenant;
        foreach (var o in seed.Organizations)
        {
            var org = grains.GetRef<IOrganizationGrain>(TenantIds.Key(t.Id, o.Id));
            if (await org.Get() is null)
            {
                await org.Create(new CreateOrganization(o.Name, o.Kind, o.ParentId, o.EscalationLevel), system);
            }
        }

        foreach (var person in seed.People)
        {
            var grain = grains.GetRef<IPersonGrain>(TenantIds.Key(t.Id, person.Id));
            await grain.Register(new RegisterPerson(person.DisplayName, person.OrganizationId, person.Sex, person.BirthYear,
                person.ExternalId, person.TargetGroups ?? [], person.DateOfBirth), system);
            if (person.Contacts is { Count: > 0 } contacts)
            {
                await grain.SetContacts(contacts, system);
            }

            foreach (var purpose in person.Consents ?? [])
            {
                await SeedConsentAsync(grain, t.Id, person, purpose, system);
            }
        }

        await SeedStaffAsync(t.Id, seed.Staff ?? [], system);
        foreach (var c in seed.Cases)
        {
            var reporter = new Actor(c.ReportedBy, [Roles.Caseworker]);
            var grain = grains.GetRef<ICaseGrain>(TenantIds.Key(t.Id, c.Id));
            // Through the person's open-case registry, as every report is (docs/idempotency.md): a person's registry
            // starts complete, so a case it never heard of would be missed by the next concern and a duplicate opened.
            await grains.GetRef<IPersonGrain>(TenantIds.Key(t.Id, c.PersonId)).ClaimCaseForConcern(new ConcernClaim(c.Id, reporter.Subject, null, null, true, null));
            await grain.Report(new ReportConcern(c.PersonId, c.Summary, c.RiskLevel, null), reporter);
            foreach (var trigger in c.Triggers ?? [])
            {
                try
                {
                    await grain.Fire(trigger, new CaseCommand("demo seed", c.AssigneeId), system);
                }
                catch (CareGridException ex)
                {
                    // A step the rules refuse today (e.g. a consent skipped above, R-1.7) leaves the case where it is; the silo starts.
                    logger.LogWarning("Demo case {Case} of {Tenant}: step {Trigger} refused ({Code}); the case stays where it is", c.Id, t.Id, trigger, ex.Code);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Records one seeded consent. The rules decide with the domain clock's date (docs/consent.md: a guardian decides below the
    /// tenant's age of consent, the person at or above it, PIPL art. 31), so a seeded minor grows out of a guardian's consent as the
    /// real date moves on: a refused consent is logged and skipped, never a failed start (docs/demo.md).
    /// </summary>
    private async Task SeedConsentAsync(IPersonGrain grain, string tenantId, SeedPerson person, ConsentPurpose purpose, Actor system)
    {
        try
        {
            await grain.RecordConsent(purpose, ConsentStatus.Granted, person.ConsentsGivenBy, system);
        }
        catch (CareGridException ex)
        {
            logger.LogWarning("Demo person {Person} of {Tenant}: seeded consent {Purpose} given by {GivenBy} refused ({Code}: {Message}); skipped",
                person.Id, tenantId, purpose, person.ConsentsGivenBy, ex.Code, ex.Message);
        }
    }
}
