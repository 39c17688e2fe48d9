namespace CxMetrics.Commerce;

/// <summary>
/// A list of ids in which each id (compared ordinally) appears at one position only, no id is null, empty or white space,
/// and an id once at a position stays there (the list may grow). A reader's dictionary of customer ids (CxMetrics.Csv's
/// <c>IdTable</c>) is one.
/// </summary>
/// <remarks>
/// The dictionary-encoded <c>Add</c> overloads of <see cref="Retention.CohortTally"/> and
/// <see cref="Lifetime.CustomerSummaryTally"/> take any <see cref="IReadOnlyList{T}"/> of ids and look each new code's id
/// up by string, so a list that repeats an id still counts that customer once. Given a list that declares itself distinct
/// through this interface, they trust it and keep no id → index dictionary of their own while only its codes add
/// customers (a saving of one dictionary entry per customer); while its codes moreover arrive in first-seen order (0, 1,
/// 2, … as a reader's do), they do not even read its ids until they show or export a customer, so an id table that makes
/// its strings on demand makes none while orders stream in. Implement it only when both promises hold: a repeated id is
/// reported (<see cref="InvalidOperationException"/>) when the tally next looks a customer up by id, a blank one when it
/// is read.
/// </remarks>
public interface IDistinctIdList : IReadOnlyList<string>;
