namespace Inspections.Browser.Tests;

/// <summary>Recordings as body cameras and phones write them, made in the test.</summary>
public static class MediaFiles
{
    /// <summary>A real WAV file: 8 kHz mono 16-bit PCM, a 440 Hz tone of the given length.</summary>
    public static byte[] Wav(int seconds)
    {
        const int rate = 8000;
        var samples = rate * seconds;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        for (var i = 0; i < samples; i++) w.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 8000));
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>A file as a body camera writes it: an MP4 'ftyp' box (brand isom), then the recording's bytes.</summary>
    public static byte[] BodyCameraMp4(int size)
    {
        var bytes = new byte[size];
        new Random(20261126).NextBytes(bytes);
        byte[] head = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8];
        head.CopyTo(bytes, 0);
        return bytes;
    }
}
