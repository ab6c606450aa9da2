namespace CareGrid.Grains.Aid;

/// <summary>The lifecycle states of a material-aid request (R-1.8, R-2.2; docs/aid.md). Numeric values are persisted.</summary>
[GenerateSerializer, Alias("CareGrid.AidStatus")]
public enum AidStatus
{
    /// <summary>Proposed on the case; nothing has gone to the provider yet.</summary>
    Proposed = 0,

    /// <summary>Sent to the provider (the civil-affairs unit), with the person's INFORMATION_SHARING consent .</summary>
    Sent = 1,

    /// <summary>The provider gave the aid (final).</summary>
    Provided = 2,

    /// <summary>The provider declined (final).</summary>
    Declined = 3,
}

/// <summary>What moves an aid request on.</summary>
[GenerateSerializer, Alias("CareGrid.AidTrigger")]
public enum AidTrigger
{
    /// <summary><c>sendAidRequest</c>.</summary>
    Send = 0,

    /// <summary><c>recordAidProvided</c>.</summary>
    Provide = 1,

    /// <summary><c>declineAidRequest</c>.</summary>
    Decline = 2,
}

/// <summary>One material-aid request of a case (R-1.8 practical hardship to civil affairs; ).</summary>
/// <param name="Id">Local id within the case, <c>aid-1</c>, <c>aid-2</c>, …</param>
/// <param name="CaseId">The case it belongs to.</param>
/// <param name="ProviderOrganizationId">The organization asked to provide (the civil-affairs or social-affairs unit of the tenant).</param>
/// <param name="Need">What is needed, as written (1–2000 characters).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ProposedAt">When proposed (UTC).</param>
/// <param name="ProposedBy">Who proposed (token subject).</param>
/// <param name="SentAt">When sent, or null.</param>
/// <param name="AnsweredAt">When the provider's answer was recorded, or null.</param>
/// <param name="Note">The provider's answer as recorded, or null.</param>
[GenerateSerializer, Alias("CareGrid.AidRequest")]
public sealed record AidRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string CaseId,
    [property: Id(2)] string ProviderOrganizationId,
    [property: Id(3)] string Need,
    [property: Id(4)] AidStatus Status,
    [property: Id(5)] DateTimeOffset ProposedAt,
    [property: Id(6)] string ProposedBy,
    [property: Id(7)] DateTimeOffset? SentAt,
    [property: Id(8)] DateTimeOffset? AnsweredAt,
    [property: Id(9)] string? Note);

/// <summary>Persisted state of a case's aid requests (grain state <c>caseAid</c>).</summary>
[GenerateSerializer, Alias("CareGrid.CaseAidState")]
public sealed class CaseAidState
{
    /// <summary>Requests, oldest first; at most <see cref="CaseAid.MaxRequestsPerCase"/>.</summary>
    [Id(0)] public List<AidRequest> Requests { get; set; } = [];

    /// <summary>The number of requests ever proposed (the next id's number).</summary>
    [Id(1)] public int Sequence { get; set; }
}

/// <summary>Counts of one provider (R-1.8: counted per provider; docs/aid.md).</summary>
/// <param name="ProviderOrganizationId">The provider.</param>
/// <param name="Proposed">Requests proposed to it.</param>
/// <param name="Sent">Requests sent to it.</param>
/// <param name="Provided">Requests it provided.</param>
/// <param name="Declined">Requests it declined.</param>
[GenerateSerializer, Alias("CareGrid.AidProviderCounts")]
public sealed record AidProviderCounts(
    [property: Id(0)] string ProviderOrganizationId,
    [property: Id(1)] int Proposed,
    [property: Id(2)] int Sent,
    [property: Id(3)] int Provided,
    [property: Id(4)] int Declined)
{
    /// <summary>These counts with one more request moved to <paramref name="status"/>.</summary>
    public AidProviderCounts Plus(AidStatus status) => status switch
    {
        AidStatus.Proposed => this with { Proposed = Proposed + 1 },
        AidStatus.Sent => this with { Sent = Sent + 1 },
        AidStatus.Provided => this with { Provided = Provided + 1 },
        _ => this with { Declined = Declined + 1 },
    };
}

/// <summary>Persisted state of the tenant's aid tally (grain state <c>aidTally</c>); one entry per provider organization.</summary>
[GenerateSerializer, Alias("CareGrid.AidTallyState")]
public sealed class AidTallyState
{
    /// <summary>Counts by provider organization id.</summary>
    [Id(0)] public Dictionary<string, AidProviderCounts> Providers { get; set; } = [];
}
