using CxMetrics.Support;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="TicketResolutionTally"/>: tickets, solved, solvedWithoutReply, oneTouch, twoTouch, firstContact,
/// solvedOnce, reopened, replies (i64 each). Reading checks them as <see cref="TicketResolutionTally.FromCounts"/> does.
/// </summary>
internal sealed class TicketResolutionTallyCodec : TallyCodec<TicketResolutionTally>
{
    public override TallyKind Kind => TallyKind.TicketResolution;

    public override string Name => "ticket-resolution";

    public override void Write(TicketResolutionTally tally, TallyFieldWriter writer)
    {
        writer.Int64("tickets", tally.Tickets);
        writer.Int64("solved", tally.Solved);
        writer.Int64("solvedWithoutReply", tally.SolvedWithoutReply);
        writer.Int64("oneTouch", tally.OneTouch);
        writer.Int64("twoTouch", tally.TwoTouch);
        writer.Int64("firstContact", tally.FirstContact);
        writer.Int64("solvedOnce", tally.SolvedOnce);
        writer.Int64("reopened", tally.Reopened);
        writer.Int64("replies", tally.Replies);
    }

    public override TicketResolutionTally Read(TallyFieldReader reader) => TicketResolutionTally.FromCounts(
        reader.Int64("tickets"), reader.Int64("solved"), reader.Int64("solvedWithoutReply"), reader.Int64("oneTouch"), reader.Int64("twoTouch"),
        reader.Int64("firstContact"), reader.Int64("solvedOnce"), reader.Int64("reopened"), reader.Int64("replies"));
}
