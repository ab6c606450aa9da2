using System.IO.Compression;
using System.Xml;

namespace CareGrid.Grains.Exports;

/// <summary>
/// The Open Packaging Conventions frame of a streamed XLSX (ECMA-376 part 2): a forward-only ZIP written straight to the
/// output — one entry open at a time, sizes in data descriptors, so the output need not be readable or seekable — with
/// the worksheets first and, once their number is known, the workbook, its relationships, the package relationship and
/// the content types. <c>System.IO.Packaging</c> cannot write to a write-only stream (it reads relationships back), so the
/// few fixed OPC parts are written here and every SpreadsheetML part with the Open XML SDK's writer.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = true };

    private readonly ZipArchive _zip;

    public XlsxPackage(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>The number of worksheet entries created so far.</summary>
    public int Sheets { get; private set; }

    /// <summary>Opens the entry of the next worksheet (<c>xl/worksheets/sheet{n}.xml</c>, n from 1) and returns its relationship id.</summary>
    public (Stream Stream, string RelationshipId) NextSheet()
    {
        Sheets++;
        return (Open($"xl/worksheets/sheet{Sheets}.xml"), "rId" + Sheets);
    }

    /// <summary>Opens the workbook part's entry (<c>xl/workbook.xml</c>).</summary>
    public Stream Workbook() => Open("xl/workbook.xml");

    /// <summary>Writes the relationships and content types for <see cref="Sheets"/> worksheets and ends the ZIP.</summary>
    public void Complete()
    {
        Relationships("xl/_rels/workbook.xml.rels",
            [.. Enumerable.Range(1, Sheets).Select(n => ("rId" + n, DocumentRelationships + "/worksheet", $"worksheets/sheet{n}.xml"))]);
        Relationships("_rels/.rels", [("rId1", DocumentRelationships + "/officeDocument", "xl/workbook.xml")]);
        using var xml = XmlWriter.Create(Open("[Content_Types].xml"), Settings);
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        xml.WriteStartElement("Types", ns);
        Element(xml, ns, "Default", ("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml"));
        Element(xml, ns, "Default", ("Extension", "xml"), ("ContentType", "application/xml"));
        Element(xml, ns, "Override", ("PartName", "/xl/workbook.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
        for (var n = 1; n <= Sheets; n++)
        {
            Element(xml, ns, "Override", ("PartName", $"/xl/worksheets/sheet{n}.xml"), ("ContentType", SheetContentType));
        }

        xml.WriteEndElement();
    }

    /// <summary>Writes the ZIP's central directory (the end of the file).</summary>
    public void Dispose() => _zip.Dispose();

    private Stream Open(string name) => _zip.CreateEntry(name, CompressionLevel.Fastest).Open();

    private void Relationships(string name, IReadOnlyList<(string Id, string Type, string Target)> relationships)
    {
        using var xml = XmlWriter.Create(Open(name), Settings);
        xml.WriteStartElement("Relationships", RelationshipsNs);
        foreach (var (id, type, target) in relationships)
        {
            Element(xml, RelationshipsNs, "Relationship", ("Id", id), ("Type", type), ("Target", target));
        }

        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string ns, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name, ns);
        foreach (var (attribute, value) in attributes)
        {
            xml.WriteAttributeString(attribute, value);
        }

        xml.WriteEndElement();
    }
}
