namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// Fresh students in the demo school for tests that need a case of their own: a concern about a student who has an open
/// case joins that case (docs/idempotency.md), so tests sharing the demo tenant must not share a student.
/// </summary>
public static class DemoStudents
{
    /// <summary>Registers a new student in <paramref name="classId"/> (default <c>class-8-1</c>) of <c>demo-school</c> as <paramref name="token"/>'s holder and returns the id.</summary>
    public static async Task<string> NewAsync(GraphQLClient client, string token, string classId = "class-8-1")
    {
        var id = "stu-" + Guid.NewGuid().ToString("N")[..12];
        (await client.PostAsync("/t/demo-school/graphql",
            $"mutation {{ registerPerson(input: {{ id: \"{id}\", displayName: \"Student {id}\", organizationId: \"{classId}\" }}) {{ id }} }}", token: token)).EnsureNoErrors();
        return id;
    }
}
