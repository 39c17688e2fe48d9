using System.Buffers.Binary;
using System.Numerics;

namespace CxMetrics.Portable;

/// <summary>
/// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected; initial value and final XOR 0xFFFFFFFF), the checksum of iSCSI
/// (RFC 3720, appendix B.4) and of many storage formats. <see cref="BitOperations.Crc32C(uint, ulong)"/> is the raw
/// update step (hardware-accelerated where the CPU has it). Check value: "123456789" → 0xE3069283.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }

        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }

        return ~crc;
    }
}
