namespace CareGrid.Silo.WebConsole;

/// <summary>
/// The page at <c>/</c> when no console is built (Node.js was missing when the silo was built): in Simplified Chinese and
/// English, it says the API is running and how to get the console — install Node.js 20+ with npm, then rebuild
/// (docs/console.md "Building").
/// </summary>
public static class NoConsolePage
{
    /// <summary>The page (UTF-8 HTML, no script, no external resource).</summary>
    public const string Html = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>CareGrid：控制台未构建 / Console not built</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
        code, pre { font-family: ui-monospace, monospace; background: #f1f1f1; padding: 0 .2em; }
        pre { padding: .5rem; overflow-x: auto; }
        a { color: #0645ad; }
        </style>
        </head>
        <body>
        <main>
        <h1>CareGrid 服务正在运行，但网页控制台尚未构建</h1>
        <p>构建服务时没有找到 Node.js，所以没有构建控制台。GraphQL API 照常可用：<a href="/graphql">/graphql</a>，租户的 API 在 <code>/t/&lt;租户&gt;/graphql</code>。</p>
        <p>获取控制台：安装 Node.js 20 或更高版本（含 npm），然后重新构建并启动：</p>
        <pre>dotnet run --project src/Silo</pre>
        <p>构建时会在 <code>src/Web</code> 中运行 <code>npm ci</code> 和 <code>npm run build</code>。详见 <code>docs/console.md</code>。</p>
        <hr>
        <div lang="en">
        <h2>CareGrid is running, but the web console is not built</h2>
        <p>Node.js was not found when the service was built, so the console was not built. The GraphQL API works as usual:
        <a href="/graphql">/graphql</a>, and a tenant's API at <code>/t/&lt;tenant&gt;/graphql</code>.</p>
        <p>To get the console: install Node.js 20 or later (with npm), then rebuild and start:</p>
        <pre>dotnet run --project src/Silo</pre>
        <p>The build runs <code>npm ci</code> and <code>npm run build</code> in <code>src/Web</code>. See <code>docs/console.md</code>.</p>
        </div>
        </main>
        </body>
        </html>
        """;
}
