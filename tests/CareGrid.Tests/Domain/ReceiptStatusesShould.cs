using CareGrid.Grains.Cases;

namespace CareGrid.Tests.Domain;

/// <summary>The mapping of a case's status to its reporter's receipt (docs/access.md "Receipts for reporters", R-7.5).</summary>
[Trait("tier", "domain")]
public sealed class ReceiptStatusesShould
{
    [Theory]
    [InlineData(CaseStatus.Reported, ReceiptStatus.Received)]
    [InlineData(CaseStatus.Triage, ReceiptStatus.BeingHandled)]
    [InlineData(CaseStatus.Active, ReceiptStatus.BeingHandled)]
    [InlineData(CaseStatus.Referred, ReceiptStatus.BeingHandled)]
    [InlineData(CaseStatus.FollowUp, ReceiptStatus.BeingHandled)]
    [InlineData(CaseStatus.Closed, ReceiptStatus.Closed)]
    public void Map_each_case_status_to_one_of_three_receipt_states(CaseStatus status, ReceiptStatus expected) =>
        Assert.Equal(expected, ReceiptStatuses.Of(status));

    [Fact]
    public void Cover_every_case_status() =>
        Assert.All(Enum.GetValues<CaseStatus>(), s => Assert.True(Enum.IsDefined(ReceiptStatuses.Of(s))));
}
