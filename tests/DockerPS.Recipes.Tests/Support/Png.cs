using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace DockerPS.Recipes.Tests.Support;

/// <summary>
/// A small PNG reader for the screenshots: 8-bit greyscale, RGB, grey+alpha or RGBA, not interlaced (what Chromium
/// writes), decoded to RGBA pixels. Enough to check what a screenshot shows, not a general decoder.
/// </summary>
public sealed class Png
{
    private Png(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Width x Height pixels, four bytes each (R, G, B, A), row by row from the top.</summary>
    public byte[] Rgba { get; }

    /// <summary>The pixel at (x, y) as 0xRRGGBB.</summary>
    public int Rgb(int x, int y)
    {
        var i = (y * Width + x) * 4;
        return (Rgba[i] << 16) | (Rgba[i + 1] << 8) | Rgba[i + 2];
    }

    public static Png Decode(byte[] data)
    {
        ReadOnlySpan<byte> signature = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var pos = 8;
        while (pos + 12 <= data.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos)));
            var type = Encoding.ASCII.GetString(data, pos + 4, 4);
            var body = data.AsSpan(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(body));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
                    var depth = body[8];
                    var colour = body[9];
                    if (depth != 8) throw new NotSupportedException($"bit depth {depth}");
                    if (body[12] != 0) throw new NotSupportedException("interlaced");
                    channels = colour switch
                    {
                        0 => 1,
                        2 => 3,
                        4 => 2,
                        6 => 4,
                        _ => throw new NotSupportedException($"colour type {colour}"),
                    };
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    pos = data.Length;
                    continue;
            }
            pos += 12 + length;
        }
        if (channels == 0) throw new InvalidDataException("no IHDR chunk");

        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.ReadExactly(raw);
        }

        var rgba = new byte[width * height * 4];
        var previous = new byte[stride];
        var current = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1));
            var filter = row[0];
            row.Slice(1, stride).CopyTo(current);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter} in row {y}"),
                });
            }
            for (var x = 0; x < width; x++)
            {
                var o = (y * width + x) * 4;
                var s = x * channels;
                switch (channels)
                {
                    case 1: rgba[o] = rgba[o + 1] = rgba[o + 2] = current[s]; rgba[o + 3] = 255; break;
                    case 2: rgba[o] = rgba[o + 1] = rgba[o + 2] = current[s]; rgba[o + 3] = current[s + 1]; break;
                    case 3: rgba[o] = current[s]; rgba[o + 1] = current[s + 1]; rgba[o + 2] = current[s + 2]; rgba[o + 3] = 255; break;
                    default: current.AsSpan(s, 4).CopyTo(rgba.AsSpan(o)); break;
                }
            }
            (previous, current) = (current, previous);
        }
        return new Png(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
