<?php

declare(strict_types=1);

namespace Compliance;

/** A classified score: the rounded score as text, its band and the band's texts. */
final class Classification
{
    public function __construct(
        /** The rounded score as text, e.g. "88.00". */
        public readonly string $score,
        /** The band index, 0 being the highest (null in the CLI fallback). */
        public readonly ?int $band,
        /** "A".."E", or "" for zone-only editions. */
        public readonly string $category,
        /** "hijau", "kuning" or "merah". */
        public readonly string $zone,
        /** The band's Indonesian label, e.g. "Kualitas Tertinggi". */
        public readonly string $label
    ) {
    }

    /** @return array<string, string|int|null> */
    public function toArray(): array
    {
        return ['score' => $this->score, 'band' => $this->band, 'category' => $this->category,
            'zone' => $this->zone, 'label' => $this->label];
    }
}
