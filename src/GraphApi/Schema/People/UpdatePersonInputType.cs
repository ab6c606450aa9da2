using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.Validation;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input <c>UpdatePersonInput</c>.</summary>
public sealed class UpdatePersonInputType : TypedInputType<UpdatePersonInput>
{
    /// <summary>Defines the fields.</summary>
    public UpdatePersonInputType()
    {
        Name = "UpdatePersonInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("displayName");
        Field<NonNullGraphType<IdGraphType>>("organizationId");
        Field<EnumerationGraphType<Sex>>("sex");
        Field<IntGraphType>("birthYear");
        Field<DateOnlyGraphType>("dateOfBirth").Description("Date of birth; omitted with the same birthYear keeps a known date.");
        Field<StringGraphType>("externalId").Description(ResidentIdNumber.ExternalIdDescription);
    }
}
