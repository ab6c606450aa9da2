using System.Net;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Http;
using Microsoft.Extensions.DependencyInjection;
using static CareGrid.Tests.Http.GraphQLHttpClient;

namespace CareGrid.Tests.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint over a real Kestrel server: status codes per media type and the
/// <c>extensions.code</c> of every error the HTTP layer answers.
/// </summary>
/// <remarks>
/// Parse and validation errors come from GraphQL.NET. Until the app's error info provider maps them to
/// CareGrid's codes they carry GraphQL.NET's own (SYNTAX_ERROR, …), so those tests accept either.
/// </remarks>
public sealed class GraphQLHttpEndpointShould(TestSchemaHostFixture fixture) : IClassFixture<TestSchemaHostFixture>, IDisposable
{
    private readonly HttpClient _client = fixture.Host.CreateClient();

    private static readonly string[] ParseFailedCodes = [TransportErrorCodes.GraphQLParseFailed, "SYNTAX_ERROR"];

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(null, "application/json; charset=utf-8")]
    [InlineData("*/*", "application/json; charset=utf-8")]
    [InlineData(Json, "application/json; charset=utf-8")]
    [InlineData(GraphQLResponseJson, "application/graphql-response+json; charset=utf-8")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json; charset=utf-8")]
    [InlineData("application/json, application/graphql-response+json", "application/json; charset=utf-8")]
    [InlineData("application/json;q=0.5, application/graphql-response+json", "application/graphql-response+json; charset=utf-8")]
    [InlineData("text/html, application/*;q=0.8", "application/json; charset=utf-8")]
    [InlineData("application/json;charset=utf-8", "application/json; charset=utf-8")]
    public async Task ServeAQueryOverPostInTheNegotiatedMediaType(string? accept, string expectedContentType)
    {
        var answer = await _client.PostAsync(Request("query Greet($name: String) { hello(name: $name) }", new { name = "Ada" }), accept);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expectedContentType, answer.ContentType);
        Assert.Equal("Hello, Ada!", answer.Json.GetProperty("data").GetProperty("hello").GetString());
        Assert.False(answer.Json.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task KeepNonAsciiTextIntactInUtf8()
    {
        var answer = await _client.PostAsync(Request("{ hello(name: \"Zoë 🏃 张\") }"), Json, "application/json; charset=UTF-8");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Hello, Zoë 🏃 张!", answer.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task AcceptNullOptionalParametersAndIgnoreUnknownOnes()
    {
        var answer = await _client.PostAsync(
            """{"query":"{ hello }","variables":null,"operationName":null,"extensions":null,"somethingElse":[1,{"a":2}]}""",
            GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Hello, world!", answer.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponseJson)]
    public async Task AnswerMalformedJsonWith400AndBadRequest(string accept)
    {
        var answer = await _client.PostAsync("""{ "query": "{ hello }" """, accept);

        AssertEndpointError(answer, HttpStatusCode.BadRequest, TransportErrorCodes.BadRequest, accept);
        Assert.Contains("not valid JSON", answer.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("", Json)]
    [InlineData("", GraphQLResponseJson)]
    [InlineData("[]", Json)]
    [InlineData("""[{"query":"{ hello }"}]""", GraphQLResponseJson)]
    [InlineData("\"{ hello }\"", Json)]
    [InlineData("""{"query":"{ hello }"} {"query":"{ hello }"}""", GraphQLResponseJson)]
    public async Task AnswerABodyThatIsNotOneJsonObjectWith400(string body, string accept)
    {
        var answer = await _client.PostAsync(body, accept);

        AssertEndpointError(answer, HttpStatusCode.BadRequest, TransportErrorCodes.BadRequest, accept);
    }

    [Theory]
    [InlineData("""{"variables":{}}""", Json)]
    [InlineData("""{"variables":{}}""", GraphQLResponseJson)]
    [InlineData("""{"qeury":"{ hello }"}""", Json)]
    [InlineData("""{"query":null}""", GraphQLResponseJson)]
    public async Task AnswerAMissingQueryWith400(string body, string accept)
    {
        var answer = await _client.PostAsync(body, accept);

        AssertEndpointError(answer, HttpStatusCode.BadRequest, TransportErrorCodes.BadRequest, accept);
        Assert.Contains("'query'", answer.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"query":0}""")]
    [InlineData("""{"query":{"obj":"ect"}}""")]
    [InlineData("""{"query":["{ hello }"]}""")]
    [InlineData("""{"query":false}""")]
    [InlineData("""{"query":"{ hello }","operationName":1}""")]
    [InlineData("""{"query":"{ hello }","operationName":{}}""")]
    [InlineData("""{"query":"{ hello }","variables":"{}"}""")]
    [InlineData("""{"query":"{ hello }","variables":[1]}""")]
    [InlineData("""{"query":"{ hello }","variables":{"a":1,"a":2}}""")]
    [InlineData("""{"query":"{ hello }","extensions":true}""")]
    [InlineData("""{"query":"{ hello }","extensions":"x"}""")]
    public async Task AnswerParametersOfTheWrongTypeWith400(string body)
    {
        foreach (var accept in new[] { Json, GraphQLResponseJson })
        {
            var answer = await _client.PostAsync(body, accept);

            AssertEndpointError(answer, HttpStatusCode.BadRequest, TransportErrorCodes.BadRequest, accept);
        }
    }

    [Theory]
    [InlineData(Json, HttpStatusCode.OK)]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    public async Task AnswerASyntaxErrorAsARequestError(string accept, HttpStatusCode expected)
    {
        var answer = await _client.PostAsync(Request("{ hello "), accept);

        AssertRequestError(answer, expected, accept, ParseFailedCodes);
    }

    [Theory]
    [InlineData(Json, HttpStatusCode.OK)]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    public async Task AnswerAnUnknownFieldAsARequestError(string accept, HttpStatusCode expected)
    {
        var answer = await _client.PostAsync(Request("{ noSuchField }"), accept);

        AssertRequestError(answer, expected, accept, [TransportErrorCodes.GraphQLValidationFailed, "FIELDS_ON_CORRECT_TYPE"]);
    }

    [Theory]
    [InlineData(Json, HttpStatusCode.OK)]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    public async Task AnswerAVariableOfTheWrongTypeAsARequestError(string accept, HttpStatusCode expected)
    {
        var answer = await _client.PostAsync(Request("query Twice($n: Int!) { double(n: $n) }", new { n = "abc" }), accept);

        AssertRequestError(answer, expected, accept, [TransportErrorCodes.GraphQLValidationFailed, "INVALID_VALUE"]);
    }

    [Theory]
    [InlineData(Json, HttpStatusCode.OK)]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    public async Task AnswerAnUnknownOperationNameAsARequestError(string accept, HttpStatusCode expected)
    {
        var answer = await _client.PostAsync(Request("query A { hello } query B { hello }", operationName: "C"), accept);

        AssertRequestError(answer, expected, accept, [TransportErrorCodes.GraphQLValidationFailed, "INVALID_OPERATION_NAME"]);
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponseJson)]
    public async Task ServeAQueryOverGetWithUrlEncodedVariables(string accept)
    {
        var query = Uri.EscapeDataString("query Twice($n: Int!) { double(n: $n) }");
        var variables = Uri.EscapeDataString("""{"n":21}""");

        var answer = await _client.GetAsync($"/graphql?query={query}&variables={variables}", accept);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith(accept, answer.ContentType);
        Assert.Equal(42, answer.Json.GetProperty("data").GetProperty("double").GetInt32());
    }

    [Theory]
    [InlineData(Json, "mutation { increment }", null)]
    [InlineData(GraphQLResponseJson, "mutation { increment }", null)]
    [InlineData(GraphQLResponseJson, "query Q { hello } mutation M { increment }", "M")]
    public async Task RefuseAMutationOverGetWith405AndAllowPost(string accept, string document, string? operationName)
    {
        var counter = fixture.Host.Services.GetRequiredService<MutationCounter>();
        var before = counter.Count;
        var url = "/graphql?query=" + Uri.EscapeDataString(document)
            + (operationName is null ? string.Empty : "&operationName=" + operationName);

        var answer = await _client.GetAsync(url, accept);

        AssertEndpointError(answer, HttpStatusCode.MethodNotAllowed, TransportErrorCodes.MethodNotAllowed, accept);
        Assert.Equal(["POST"], answer.Response.Content.Headers.Allow);
        Assert.Equal(before, counter.Count);
    }

    [Fact]
    public async Task RunTheQueryOfADocumentThatAlsoHoldsAMutationOverGet()
    {
        var url = "/graphql?operationName=Q&query=" + Uri.EscapeDataString("query Q { hello } mutation M { increment }");

        var answer = await _client.GetAsync(url, Json);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Hello, world!", answer.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task RunAMutationOverPost()
    {
        var counter = fixture.Host.Services.GetRequiredService<MutationCounter>();
        var before = counter.Count;

        var answer = await _client.PostAsync(Request("mutation { increment }"), GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Json.GetProperty("data").GetProperty("increment").GetInt32() > before);
    }

    [Theory]
    [InlineData("/graphql")]
    [InlineData("/graphql?variables=%7B%7D")]
    [InlineData("/graphql?query=%7B%20hello%20%7D&variables=%5B1%5D")]
    [InlineData("/graphql?query=%7B%20hello%20%7D&variables=not-json")]
    [InlineData("/graphql?query=%7B%20hello%20%7D&extensions=42")]
    [InlineData("/graphql?query=%7B%20hello%20%7D&query=%7B%20hello%20%7D")]
    public async Task AnswerBadGetParametersWith400(string url)
    {
        var answer = await _client.GetAsync(url, GraphQLResponseJson);

        AssertEndpointError(answer, HttpStatusCode.BadRequest, TransportErrorCodes.BadRequest, GraphQLResponseJson);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain;q=0.5")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    [InlineData("application/json; charset=utf-16")]
    public async Task AnswerAnUnacceptableAcceptWith406(string accept)
    {
        var answer = await _client.PostAsync(Request("{ hello }"), accept);

        AssertEndpointError(answer, HttpStatusCode.NotAcceptable, TransportErrorCodes.NotAcceptable, Json);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task AnswerAnUnsupportedContentTypeWith415(string? contentType)
    {
        foreach (var accept in new[] { Json, GraphQLResponseJson })
        {
            var answer = await _client.PostAsync(Request("{ hello }"), accept, contentType);

            AssertEndpointError(answer, HttpStatusCode.UnsupportedMediaType, TransportErrorCodes.UnsupportedMediaType, accept);
        }
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponseJson)]
    public async Task AnswerAnOversizeBodyWith413(string accept)
    {
        var body = Request("{ hello }", new { padding = new string('x', GraphQLHttpOptions.DefaultMaxRequestBytes) });

        var answer = await _client.PostAsync(body, accept);

        AssertEndpointError(answer, HttpStatusCode.RequestEntityTooLarge, TransportErrorCodes.RequestTooLarge, accept);
    }

    [Fact]
    public async Task AnswerAnOversizeChunkedBodyWith413()
    {
        var body = Request("{ hello }", new { padding = new string('x', GraphQLHttpOptions.DefaultMaxRequestBytes) });

        var answer = await _client.SendAsync(HttpMethod.Post, "/graphql", GraphQLResponseJson, new ChunkedContent(body, Json));

        AssertEndpointError(answer, HttpStatusCode.RequestEntityTooLarge, TransportErrorCodes.RequestTooLarge, GraphQLResponseJson);
    }

    [Fact]
    public async Task AcceptABodyJustUnderTheLimitSentChunked()
    {
        var request = Request("{ hello }", new { padding = "" });
        var body = Request("{ hello }", new { padding = new string('x', GraphQLHttpOptions.DefaultMaxRequestBytes - request.Length) });
        Assert.Equal(GraphQLHttpOptions.DefaultMaxRequestBytes, body.Length);

        var answer = await _client.SendAsync(HttpMethod.Post, "/graphql", Json, new ChunkedContent(body, Json));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task AnswerOtherMethodsWith405AndAllowGetAndPost(string method)
    {
        var answer = await _client.SendAsync(new HttpMethod(method), "/graphql", GraphQLResponseJson, Content(Request("{ hello }"), Json));

        AssertEndpointError(answer, HttpStatusCode.MethodNotAllowed, TransportErrorCodes.MethodNotAllowed, GraphQLResponseJson);
        Assert.Equal(["GET", "POST"], answer.Response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData(ErrorCodes.Unauthenticated, HttpStatusCode.Unauthorized)]
    [InlineData(ErrorCodes.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(ErrorCodes.TenantNotFound, HttpStatusCode.NotFound)]
    [InlineData(ErrorCodes.TenantSuspended, HttpStatusCode.Forbidden)]
    [InlineData(TransportErrorCodes.RateLimited, HttpStatusCode.TooManyRequests)]
    [InlineData(ErrorCodes.NotFound, HttpStatusCode.BadRequest)]
    public async Task MapTheCodeOfARequestErrorToItsStatus(string code, HttpStatusCode expected)
    {
        var body = Request("{ hello }", extensions: new Dictionary<string, object> { [KestrelGraphQLHost.DenyExtension] = code });

        var graphQLAnswer = await _client.PostAsync(body, GraphQLResponseJson);
        var jsonAnswer = await _client.PostAsync(body, Json);

        AssertRequestError(graphQLAnswer, expected, GraphQLResponseJson, [code]);
        AssertRequestError(jsonAnswer, HttpStatusCode.OK, Json, [code]);
    }

    [Theory]
    [InlineData(KestrelGraphQLHost.ThrowExtension, Json)]
    [InlineData(KestrelGraphQLHost.ThrowExtension, GraphQLResponseJson)]
    [InlineData(KestrelGraphQLHost.RethrowExtension, Json)]
    [InlineData(KestrelGraphQLHost.RethrowExtension, GraphQLResponseJson)]
    public async Task AnswerAnUnexpectedExceptionWith500AndNoDetail(string extension, string accept)
    {
        var body = Request("{ hello }", extensions: new Dictionary<string, object> { [extension] = true });

        var answer = await _client.PostAsync(body, accept);

        AssertEndpointError(answer, HttpStatusCode.InternalServerError, ErrorCodes.Internal, accept);
        Assert.DoesNotContain(KestrelGraphQLHost.SecretDetail, answer.Body);
        Assert.DoesNotContain("InvalidOperation", answer.Body);
        Assert.DoesNotContain(" at ", answer.Body);
    }

    /// <summary>An error the HTTP layer answered itself: exactly one error with the code, and no data entry.</summary>
    private static void AssertEndpointError(GraphQLHttpAnswer answer, HttpStatusCode status, string code, string mediaType)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(mediaType + "; charset=utf-8", answer.ContentType);
        Assert.False(answer.HasData, "An endpoint error has no data entry: " + answer.Body);
        Assert.Equal(1, answer.Json.GetProperty("errors").GetArrayLength());
        Assert.Equal(code, answer.FirstErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("errors")[0].GetProperty("message").GetString()));
    }

    /// <summary>A GraphQL request error: no data entry, the status for the media type, one of the expected codes.</summary>
    private static void AssertRequestError(GraphQLHttpAnswer answer, HttpStatusCode status, string mediaType, string[] codes)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(mediaType + "; charset=utf-8", answer.ContentType);
        Assert.False(answer.HasData, "A request error has no data entry: " + answer.Body);
        Assert.Contains(answer.FirstErrorCode, codes);
    }
}
