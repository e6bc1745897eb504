using System.Text;

namespace SpanMarshal.Generator.Emitting;

/// <summary>A small indented text writer: generated code is text, not syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        // LF on every platform so snapshots and hashes do not depend on the machine.
        _builder.Append(text).Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    public void Close()
    {
        _indent--;
        Line("}");
    }

    public override string ToString() => _builder.ToString();
}
