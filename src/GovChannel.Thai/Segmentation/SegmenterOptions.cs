namespace GovChannel.Thai;

/// <summary>
/// Costs for the dynamic programme that picks a segmentation of a Thai run (lower total cost wins).
/// A word costs <see cref="WordCost"/> plus <see cref="RarityCost"/> × (1 − its normalised log corpus frequency);
/// unknown text costs <see cref="UnknownCharCost"/> per character plus <see cref="UnknownTokenCost"/> per unknown token.
/// The defaults were tuned on wisesight-1000 and checked on wisesight-160 (bench/Thai/README.md); with the rarity
/// weight this is close to a unigram language model, which beat "fewest words first" by 0.07 word-F1.
/// </summary>
internal sealed record SegmenterOptions
{
    public double WordCost { get; init; } = 1.0;

    public double RarityCost { get; init; } = 10.0;

    public double UnknownCharCost { get; init; } = 3.0;

    public double UnknownTokenCost { get; init; } = 1.0;

    /// <summary>Extra cost of a geographic name, so that a place name does not swallow ordinary words (บ้าน|ใหม่).</summary>
    public double GeographyCost { get; init; }

    /// <summary>Also keep enumerated enhanced clusters (etcc.txt) whole, not just the rule-based clusters.</summary>
    public bool EnhancedClusters { get; init; }

    public LexiconOptions Lexicon { get; init; } = new();
}
