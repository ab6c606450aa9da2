using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.Validation;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>registerPerson</c>.</summary>
public sealed class RegisterPersonInputType : TypedInputType<RegisterPersonInput>
{
    /// <summary>Defines the fields.</summary>
    public RegisterPersonInputType()
    {
        Name = "RegisterPersonInput";
        Field<IdGraphType>("id").Description("Local id; generated when omitted.");
        Field<NonNullGraphType<StringGraphType>>("displayName");
        Field<NonNullGraphType<IdGraphType>>("organizationId");
        Field<EnumerationGraphType<Sex>>("sex");
        Field<IntGraphType>("birthYear").Description("Year of birth; with it alone the age of consent counts from 31 December of that year.");
        Field<DateOnlyGraphType>("dateOfBirth").Description("Date of birth (its year must equal birthYear when both are given); the age of consent counts from it.");
        Field<StringGraphType>("externalId").Description(ResidentIdNumber.ExternalIdDescription);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("targetGroups").Description("Target groups (R-1.2).");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " Without an id, the person's id is derived from the key.");
    }
}
