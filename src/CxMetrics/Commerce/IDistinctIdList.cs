namespace CxMetrics.Commerce;

/// <summary>
/// A list of ids in which each id (compared ordinally) appears at one position only, and an id once at a position stays
/// there (the list may grow). A reader's dictionary of customer ids (CxMetrics.Csv's <c>IdTable</c>) is one.
/// </summary>
/// <remarks>
/// The dictionary-encoded <c>Add</c> overloads of <see cref="Retention.CohortTally"/> and
/// <see cref="Lifetime.CustomerSummaryTally"/> take any <see cref="IReadOnlyList{T}"/> of ids and look each new code's id
/// up by string, so a list that repeats an id still counts that customer once. Given a list that declares itself distinct
/// through this interface, they trust it and keep no id → index dictionary of their own while only its codes add
/// customers (a saving of one dictionary entry per customer). Implement it only when the distinctness is guaranteed.
/// </remarks>
public interface IDistinctIdList : IReadOnlyList<string>;
