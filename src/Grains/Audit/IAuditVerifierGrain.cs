using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Audit;

/// <summary>
/// Checks a tenant's audit chain outside the audit log grain, so that reading and re-hashing a long log never holds up the
/// appends every audited request waits for (round 18 red team RT18-3: a HIGH report answered UNAVAILABLE while an
/// Auditor's check ran inside the log grain). Key: <c>"{tenant}/audit-verify"</c>.
/// </summary>
public interface IAuditVerifierGrain : ITenantScopedGrain
{
    /// <summary>The local id of every tenant's verifier grain.</summary>
    const string LocalId = "audit-verify";

    /// <summary>
    /// Reads the chain up to the last record appended when the check starts (<see cref="IAuditLogGrain.LastSequence"/>) and
    /// reports the first record that is missing, out of order, or does not hash as stored (<see cref="AuditChain.VerifyAsync"/>).
    /// A call made while a check of the tenant is running gets that check's answer: one read of the log at a time per tenant.
    /// </summary>
    Task<AuditVerification> Verify();
}
