using System.IO.Compression;

namespace Inspections.Api.Demo;

/// <summary>
/// Small but real pictures for the demo's evidence: baseline JPEG "photos" of a scene and PNG "scans"
/// of a notice, drawn from a seed so the same seed gives the same bytes. The evidence upload decides
/// the type by the bytes, and pages show them, so they must decode, not merely start with a magic number.
/// </summary>
internal static class DemoPhotos
{
    private const int Width = 96;
    private const int Height = 64;

    /// <summary>A 96×64 colour photo: a wall, a floor and a few lit shapes (screens, a door, a sign).</summary>
    public static byte[] Jpeg(int seed)
    {
        var random = new Random(seed);
        var rgb = new byte[Width * Height * 3];
        var wall = (R: random.Next(150, 230), G: random.Next(140, 220), B: random.Next(120, 210));
        var floor = (R: random.Next(60, 120), G: random.Next(50, 100), B: random.Next(40, 90));
        var horizon = random.Next(Height / 2, Height * 3 / 4);
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
        {
            var shade = 1.0 - 0.35 * Math.Abs(x - Width / 2.0) / Width;
            var (r, g, b) = y < horizon ? wall : floor;
            Set(rgb, x, y, (int)(r * shade), (int)(g * shade), (int)(b * shade));
        }
        for (var i = random.Next(2, 5); i > 0; i--)
        {
            var w = random.Next(10, 28);
            var h = random.Next(8, 22);
            var x0 = random.Next(0, Width - w);
            var y0 = random.Next(4, Math.Max(5, horizon - h));
            var colour = (R: random.Next(0, 256), G: random.Next(0, 256), B: random.Next(0, 256));
            for (var y = y0; y < y0 + h && y < Height; y++)
            for (var x = x0; x < x0 + w; x++)
            {
                var edge = x == x0 || y == y0 || x == x0 + w - 1 || y == y0 + h - 1;
                Set(rgb, x, y, edge ? 30 : colour.R, edge ? 30 : colour.G, edge ? 30 : colour.B);
            }
        }
        return JpegEncoder.Encode(rgb, Width, Height);
    }

    /// <summary>A 64×90 grey "scan" of a document: a white page with a title bar, lines of text and a red seal.</summary>
    public static byte[] Png(int seed)
    {
        const int w = 64, h = 90;
        var random = new Random(seed);
        var rgb = new byte[w * h * 3];
        Array.Fill(rgb, (byte)246);
        for (var x = 16; x < 48; x++)
        for (var y = 6; y < 10; y++)
            Set(rgb, x, y, 40, 40, 40, w);
        for (var line = 0; line < 9; line++)
        {
            var y = 18 + line * 6;
            var length = random.Next(30, 54);
            for (var x = 6; x < 6 + length; x++)
                Set(rgb, x, y, 90, 90, 90, w);
        }
        var (cx, cy) = (random.Next(38, 50), 76);
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
            if (d is > 7 and < 9.5) Set(rgb, x, y, 200, 30, 30, w);
        }
        return PngEncoder.Encode(rgb, w, h);
    }

    private static void Set(byte[] rgb, int x, int y, int r, int g, int b, int width = Width)
    {
        var i = (y * width + x) * 3;
        rgb[i] = (byte)Math.Clamp(r, 0, 255);
        rgb[i + 1] = (byte)Math.Clamp(g, 0, 255);
        rgb[i + 2] = (byte)Math.Clamp(b, 0, 255);
    }

    /// <summary>
    /// A baseline JPEG (SOF0, 4:4:4) with a gentle quantisation table and Huffman tables of its own: DC
    /// categories in 4 bits, every AC run/size symbol in 8. Any tables the file declares are valid; these
    /// are simple enough to be written without transcribing the standard's.
    /// </summary>
    private static class JpegEncoder
    {
        private static readonly int[] ZigZag = BuildZigZag();
        private static readonly byte[] AcSymbols = BuildAcSymbols();
        private static readonly int[] AcCode = BuildAcCodes();

        private static int[] BuildZigZag()
        {
            var order = new int[64];
            var i = 0;
            for (var s = 0; s < 15; s++)
            {
                var up = s % 2 == 0; // even diagonals run from bottom-left to top-right
                for (var k = 0; k <= s; k++)
                {
                    var row = up ? s - k : k;
                    var col = s - row;
                    if (row < 8 && col < 8) order[i++] = row * 8 + col;
                }
            }
            return order;
        }

        private static byte[] BuildAcSymbols()
        {
            var symbols = new List<byte> { 0x00, 0xF0 }; // end of block, sixteen zeros
            for (var run = 0; run < 16; run++)
            for (var size = 1; size <= 10; size++)
                symbols.Add((byte)(run << 4 | size));
            return [.. symbols];
        }

        private static int[] BuildAcCodes()
        {
            var codes = new int[256];
            Array.Fill(codes, -1);
            for (var i = 0; i < AcSymbols.Length; i++) codes[AcSymbols[i]] = i; // canonical: one length, codes in list order
            return codes;
        }

        private static readonly int[] Quant = Enumerable.Range(0, 64).Select(i => 4 + 2 * (i / 8 + i % 8)).ToArray();

        public static byte[] Encode(byte[] rgb, int width, int height)
        {
            using var output = new MemoryStream();
            void Marker(int code, byte[] body)
            {
                output.WriteByte(0xFF);
                output.WriteByte((byte)code);
                output.WriteByte((byte)((body.Length + 2) >> 8));
                output.WriteByte((byte)((body.Length + 2) & 0xFF));
                output.Write(body);
            }

            output.WriteByte(0xFF);
            output.WriteByte(0xD8);
            Marker(0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
            Marker(0xDB, [0x00, .. ZigZag.Select(n => (byte)Quant[n])]);
            Marker(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
            byte[] dcCounts = [0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            byte[] acCounts = [0, 0, 0, 0, 0, 0, 0, (byte)AcSymbols.Length, 0, 0, 0, 0, 0, 0, 0, 0];
            Marker(0xC4, [0x00, .. dcCounts, .. Enumerable.Range(0, 12).Select(i => (byte)i), 0x10, .. acCounts, .. AcSymbols]);
            Marker(0xDA, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);

            var bits = new BitWriter(output);
            var previousDc = new int[3];
            var block = new double[64];
            for (var by = 0; by < height; by += 8)
            for (var bx = 0; bx < width; bx += 8)
            for (var component = 0; component < 3; component++)
            {
                for (var y = 0; y < 8; y++)
                for (var x = 0; x < 8; x++)
                {
                    var i = (Math.Min(by + y, height - 1) * width + Math.Min(bx + x, width - 1)) * 3;
                    double r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
                    block[y * 8 + x] = component switch
                    {
                        0 => 0.299 * r + 0.587 * g + 0.114 * b - 128,
                        1 => -0.168736 * r - 0.331264 * g + 0.5 * b,
                        _ => 0.5 * r - 0.418688 * g - 0.081312 * b,
                    };
                }
                var coefficients = Transform(block);
                var dc = coefficients[0];
                WriteValue(bits, dc - previousDc[component], category => bits.Write(category, 4));
                previousDc[component] = dc;
                var run = 0;
                for (var k = 1; k < 64; k++)
                {
                    var value = coefficients[ZigZag[k]];
                    if (value == 0) { run++; continue; }
                    while (run > 15)
                    {
                        bits.Write(AcCode[0xF0], 8);
                        run -= 16;
                    }
                    var r = run;
                    WriteValue(bits, value, size => bits.Write(AcCode[r << 4 | size], 8));
                    run = 0;
                }
                if (run > 0) bits.Write(AcCode[0x00], 8);
            }
            bits.Flush();
            output.WriteByte(0xFF);
            output.WriteByte(0xD9);
            return output.ToArray();
        }

        /// <summary>C(u)·cos((2x+1)uπ/16)/2 for frequency u and position x: the DCT is separable, one pass per axis.</summary>
        private static readonly double[,] Basis = BuildBasis();

        private static double[,] BuildBasis()
        {
            var basis = new double[8, 8];
            for (var u = 0; u < 8; u++)
            for (var x = 0; x < 8; x++)
                basis[u, x] = (u == 0 ? 1 / Math.Sqrt(2) : 1) * Math.Cos((2 * x + 1) * u * Math.PI / 16) / 2;
            return basis;
        }

        /// <summary>The 8×8 forward DCT, quantised; results in natural (row-major) order.</summary>
        private static int[] Transform(double[] block)
        {
            var rows = new double[64];
            for (var y = 0; y < 8; y++)
            for (var u = 0; u < 8; u++)
            {
                var sum = 0.0;
                for (var x = 0; x < 8; x++) sum += block[y * 8 + x] * Basis[u, x];
                rows[y * 8 + u] = sum;
            }
            var result = new int[64];
            for (var v = 0; v < 8; v++)
            for (var u = 0; u < 8; u++)
            {
                var sum = 0.0;
                for (var y = 0; y < 8; y++) sum += rows[y * 8 + u] * Basis[v, y];
                result[v * 8 + u] = (int)Math.Round(sum / Quant[v * 8 + u]);
            }
            return result;
        }

        /// <summary>A value as JPEG codes it: its size category (through the given symbol writer), then that many bits.</summary>
        private static void WriteValue(BitWriter bits, int value, Action<int> symbol)
        {
            var magnitude = Math.Abs(value);
            var size = 0;
            while (magnitude >> size != 0) size++;
            symbol(size);
            if (size > 0) bits.Write(value < 0 ? value + (1 << size) - 1 : value, size);
        }

        private sealed class BitWriter(Stream output)
        {
            private int _buffer;
            private int _count;

            public void Write(int value, int length)
            {
                for (var i = length - 1; i >= 0; i--)
                {
                    _buffer = _buffer << 1 | (value >> i & 1);
                    if (++_count == 8) Emit();
                }
            }

            public void Flush()
            {
                while (_count != 0) Write(1, 1); // pad with ones
            }

            private void Emit()
            {
                output.WriteByte((byte)_buffer);
                if (_buffer == 0xFF) output.WriteByte(0x00); // byte stuffing
                _buffer = 0;
                _count = 0;
            }
        }
    }

    private static class PngEncoder
    {
        private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        public static byte[] Encode(byte[] rgb, int width, int height)
        {
            using var output = new MemoryStream();
            output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
            Chunk(output, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
            using var raw = new MemoryStream();
            using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter: none
                    zlib.Write(rgb, y * width * 3, width * 3);
                }
            }
            Chunk(output, "IDAT", raw.ToArray());
            Chunk(output, "IEND", []);
            return output.ToArray();
        }

        private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

        private static void Chunk(Stream output, string type, byte[] data)
        {
            byte[] typed = [.. type.Select(c => (byte)c), .. data];
            output.Write(BigEndian(data.Length));
            output.Write(typed);
            var crc = 0xFFFFFFFFu;
            foreach (var b in typed) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            output.Write(BigEndian((int)(crc ^ 0xFFFFFFFFu)));
        }
    }
}
