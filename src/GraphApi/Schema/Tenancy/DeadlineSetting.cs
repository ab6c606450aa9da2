using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>One task kind's deadline.</summary>
public sealed record DeadlineSetting(CaseTaskKind Kind, DeadlineSpec Spec);
