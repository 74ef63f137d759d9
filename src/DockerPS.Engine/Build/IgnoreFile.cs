using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DockerPS.Engine.Archive;
using DockerPS.Engine.Errors;

namespace DockerPS.Engine.Build;

/// <summary>
/// Reads a .dockerignore file as docker does (moby/patternmatcher ignorefile.ReadAll): one pattern a line ('\n' or
/// "\r\n"), a UTF-8 byte order mark dropped, lines that start with '#' are comments (only in the first column),
/// white space around a pattern dropped, empty lines skipped, each pattern cleaned as a path (so "./a", "a/" and
/// "a//b/.." are "a") and a leading '/' dropped ("/a" is "a"), '!' kept in front.
/// </summary>
public static class IgnoreFile
{
    /// <summary>The file's name in a build context.</summary>
    public const string FileName = ".dockerignore";

    /// <summary>Go's bufio.Scanner refuses lines this long or longer.</summary>
    private const int MaxLineBytes = 64 * 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    public static IReadOnlyList<string> Read(Stream stream, bool windows = false)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), windows);
    }

    /// <summary>The patterns of a .dockerignore file's bytes.</summary>
    public static IReadOnlyList<string> Parse(byte[] content, bool windows = false)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        var patterns = new List<string>();
        var start = 0;
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF) start = 3;
        while (start < content.Length)
        {
            var newline = Array.IndexOf(content, (byte)'\n', start);
            var end = newline < 0 ? content.Length : newline;
            var length = end - start;
            if (length >= MaxLineBytes)
                throw new DockerArgumentException($"A line of {FileName} is {length} bytes long; docker reads lines of up to {MaxLineBytes - 1} bytes.", "InvalidDockerignore", FileName);
            if (length > 0 && content[end - 1] == '\r') length--;
            var line = Utf8.GetString(content, start, length);
            start = newline < 0 ? content.Length : newline + 1;

            if (line.StartsWith("#", StringComparison.Ordinal)) continue;
            var pattern = GoText.TrimSpace(line);
            if (pattern.Length == 0) continue;
            var exception = pattern[0] == '!';
            if (exception) pattern = GoText.TrimSpace(pattern.Substring(1));
            if (pattern.Length > 0)
            {
                if (windows) pattern = pattern.Replace('\\', '/');
                pattern = CopyPaths.CleanPosix(pattern);
                if (pattern.Length > 1 && pattern[0] == '/') pattern = pattern.Substring(1);
            }
            patterns.Add(exception ? "!" + pattern : pattern);
        }
        return patterns;
    }

    /// <summary>The patterns of a .dockerignore text.</summary>
    public static IReadOnlyList<string> Parse(string content, bool windows = false) =>
        Parse(Utf8.GetBytes(content ?? throw new ArgumentNullException(nameof(content))), windows);
}
