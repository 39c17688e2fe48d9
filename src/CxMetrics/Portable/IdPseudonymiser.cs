using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CxMetrics.Portable;

/// <summary>
/// Replaces customer and visitor ids by keyed pseudonyms before a tally stores them, so that a serialised tally (a
/// <see cref="TallyFormat"/> payload, an Orleans grain's state) carries no raw id. The pseudonym of an id is the first
/// 16 bytes of HMAC-SHA256(key, UTF-8 of the id), written as 22 characters of unpadded base64url (RFC 4648 §5).
/// </summary>
/// <remarks>
/// <para><b>Use.</b> Give the tallies that keep ids (<see cref="Conversion.ConversionTally"/> per visitor,
/// <see cref="Retention.CohortTally"/>, <see cref="Lifetime.CustomerSummaryTally"/>, <see cref="Commerce.CartTally"/>)
/// the same pseudonymiser through their <c>Pseudonymiser</c> property on every shard: each <c>Add</c> then stores the
/// pseudonym instead of the id. Because the map is the same everywhere and (up to a 2⁻¹²⁸-scale collision chance) one to one,
/// shards still match a customer seen on two machines, and every count and metric of a merged tally is the one the raw
/// ids give; only the ids shown in per-customer or per-unit rows are pseudonyms.</para>
/// <para><b>The key</b> is the shop's secret (at least <see cref="MinimumKeyLength"/> bytes, e.g. 32 random bytes kept in
/// its secret store). Without it a pseudonym cannot be computed from an id, so a payload cannot be searched for a known
/// customer; with it the shop can compute the pseudonym of any id it knows (to find a customer's row). Pseudonyms are not
/// reversible and not encryption: use one key for all shards whose tallies are merged, and a new key (and new tallies)
/// when the old one may have leaked.</para>
/// <para><b>Mixing.</b> A tally does not record whether its ids are pseudonyms, so merging a pseudonymised tally with one
/// built from raw ids (or with another key) counts the same customer twice. A tally read back from a payload holds the
/// pseudonyms and no pseudonymiser: merge new pseudonymised shards into it rather than adding raw records to it.</para>
/// <para>Thread-safe; the key is copied.</para>
/// </remarks>
public sealed class IdPseudonymiser
{
    /// <summary>The shortest key accepted, in bytes (128 bits).</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The length of every pseudonym, in characters (16 bytes in unpadded base64url).</summary>
    public const int PseudonymLength = 22;

    private readonly byte[] key;

    /// <summary>Creates a pseudonymiser with the shop's key.</summary>
    /// <param name="key">The secret key, at least <see cref="MinimumKeyLength"/> bytes.</param>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public IdPseudonymiser(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"the pseudonymisation key has {key.Length} bytes; at least {MinimumKeyLength} are required (e.g. 32 random bytes from the shop's secret store).", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>The pseudonym of <paramref name="id"/>: 22 characters of base64url, the same for the same id and key.</summary>
    /// <param name="id">The raw id.</param>
    /// <returns>The pseudonym.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public string Pseudonymise(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        int length = Encoding.UTF8.GetMaxByteCount(id.Length);
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        try
        {
            int written = Encoding.UTF8.GetBytes(id, utf8);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, utf8[..written], mac);
            return Base64Url.EncodeToString(mac[..16]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
