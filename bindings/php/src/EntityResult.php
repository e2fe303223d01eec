<?php

declare(strict_types=1);

namespace Compliance;

/**
 * One entity's computed result. Every number is the library's exact text
 * (a string, never a float).
 */
final class EntityResult
{
    /**
     * @param array<string, string>|null $unitScores unit name => rounded unit score (null in the CLI fallback)
     */
    public function __construct(
        /** The entity's name as given. */
        public readonly string $name,
        /** kementerian, lembaga, provinsi, kota or kabupaten. */
        public readonly string $type,
        /** The rounded score as text, e.g. "73.02". */
        public readonly string $score,
        /** The exact mean before rounding: "73.5" or a reduced fraction "51117/700". */
        public readonly string $mean,
        /** "A".."E", or "" for zone-only editions. */
        public readonly string $category,
        /** "hijau", "kuning" or "merah". */
        public readonly string $zone,
        /** The label, with the suffixes of the qualifiers that apply. */
        public readonly string $label,
        /** Whether a qualifier applied (null in the CLI fallback, which does not print it). */
        public readonly ?bool $qualified,
        /** How many units the entity has. */
        public readonly int $units,
        /** National rank from 1 (equal scores share a rank). */
        public readonly int $rank,
        /** Rank among entities of the same type. */
        public readonly int $rankInType,
        public readonly ?array $unitScores = null,
        /**
         * The label in each label set of the profile that labels entities,
         * by set id (2025: "opini", "kualitas-pelayanan"); null in the CLI fallback.
         * @var array<string, string>|null
         */
        public readonly ?array $labels = null,
        /** Whether the result carries a certificate (2025: the Opini, at Kualitas Tertinggi); null in the CLI fallback. */
        public readonly ?bool $certificate = null,
        /**
         * The unit count against the profile's range: "in_range", "unchecked"
         * (no range published), "too_few" or "too_many" (scored all the same:
         * a warning); null in the CLI fallback.
         */
        public readonly ?string $unitCheck = null
    ) {
    }

    /** @return array<string, mixed> */
    public function toArray(): array
    {
        return get_object_vars($this);
    }
}
