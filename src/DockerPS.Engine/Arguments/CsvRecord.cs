using System.Collections.Generic;
using System.Text;

namespace DockerPS.Engine.Arguments;

/// <summary>
/// One line of comma-separated fields read as Go's <c>encoding/csv</c> reader reads it with its defaults, which is
/// how docker reads <c>--mount</c>: a field that starts with <c>"</c> is quoted, may hold commas and newlines, and
/// writes a quote as <c>""</c>; a quote anywhere else in a field, or text after a closing quote, is an error.
/// Unlike Go's reader, which silently stops at the first unquoted line break, a second line is an error here.
/// </summary>
internal static class CsvRecord
{
    internal static bool TryRead(string line, out List<string> fields, out string reason)
    {
        fields = new List<string>();
        reason = string.Empty;
        var i = 0;
        var field = new StringBuilder();
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        reason = "a quoted field has no closing '\"'";
                        return false;
                    }
                    var c = line[i++];
                    if (c != '"')
                    {
                        // As Go's reader: \r\n inside a quoted field is read as \n.
                        if (c == '\r' && i < line.Length && line[i] == '\n') continue;
                        field.Append(c);
                        continue;
                    }
                    if (i < line.Length && line[i] == '"')
                    {
                        field.Append('"');
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < line.Length && line[i] != ',')
                {
                    reason = "there is text after a closing '\"' (a quoted field must end at a comma)";
                    return false;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    var c = line[i++];
                    if (c == '"')
                    {
                        reason = "a '\"' appears inside a field that does not start with one (quote the whole field: \"key=value\")";
                        return false;
                    }
                    if (c == '\n' || c == '\r')
                    {
                        reason = "it spans more than one line";
                        return false;
                    }
                    field.Append(c);
                }
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return true;
            i++; // the comma
        }
    }
}
