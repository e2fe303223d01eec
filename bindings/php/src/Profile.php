<?php

declare(strict_types=1);

namespace Compliance;

/**
 * An assessment profile (an edition of the method, or an SKM method):
 * a built-in by id (Profile::open('ombudsman-2023')) or a JSON file.
 * Freed by close() or when the object goes.
 */
final class Profile
{
    /** @internal */
    public ?\FFI\CData $ptr = null;
    private string $spec;

    private function __construct(string $spec)
    {
        $this->spec = $spec;
    }

    /** Opens a built-in profile by id, e.g. "ombudsman-2023" (Compliance::builtins()). */
    public static function open(mixed $id): self
    {
        $id = Native::text($id, 'profile id');
        $p = new self($id);
        if (Native::isFfi()) {
            $p->ptr = self::load(fn ($ffi, $ctx, $out) => $ffi->compliance_profile_open($ctx, $out, $id));
        } elseif (!in_array($id, Compliance::builtins(), true)) {
            throw new ComplianceException("unknown profile '" . $id . "'; known profiles: "
                . implode(', ', Compliance::builtins()), Constants::E_NOTFOUND, 'COMPLIANCE_E_NOTFOUND');
        }
        return $p;
    }

    /** Loads a profile from a JSON file (docs/profile-format.md). */
    public static function loadFile(mixed $path): self
    {
        $path = Native::text($path, 'profile file');
        $p = new self($path);
        if (Native::isFfi()) {
            $p->ptr = self::load(fn ($ffi, $ctx, $out) => $ffi->compliance_profile_load_file($ctx, $out, $path));
        } else {
            // `compliance profile check` reports every problem of the file
            Cli::run(['profile', 'check', str_starts_with($path, '-') ? './' . $path : $path]);
            if (!str_contains($path, '/')) {
                $p->spec = './' . $path; // the program reads a bare name as a built-in id
            }
        }
        return $p;
    }

    /** Loads a profile from JSON text (FFI only). */
    public static function fromString(mixed $json, string $name = '<string>'): self
    {
        $json = Native::text($json, 'profile JSON');
        $p = new self($name);
        $p->ptr = self::load(fn ($ffi, $ctx, $out) => $ffi->compliance_profile_load_buffer($ctx, $out, $json,
            strlen($json), $name));
        return $p;
    }

    private static function load(callable $fn): \FFI\CData
    {
        $ffi = Native::ffi('loading a profile');
        $ctx = new Context();
        $out = $ffi->new('compliance_profile*');
        $rc = $fn($ffi, $ctx->ptr(), Native::addr($out));
        if ($rc !== 0) {
            throw $ctx->error($rc);
        }
        return $out;
    }

    /** @internal the handle, or a ComplianceException after close() */
    public function ptr(): \FFI\CData
    {
        if ($this->ptr === null) {
            throw new ComplianceException('the profile is closed', Constants::E_STATE, 'COMPLIANCE_E_STATE');
        }
        return $this->ptr;
    }

    /** @internal how the `compliance` program names it: an id or a path */
    public function spec(): string
    {
        return $this->spec;
    }

    public function id(): string
    {
        return Native::isFfi() ? (string) Native::ffi()->compliance_profile_id($this->ptr()) : $this->spec;
    }

    public function name(): string
    {
        return (string) Native::ffi('Profile::name()')->compliance_profile_name($this->ptr());
    }

    public function year(): int
    {
        return (int) Native::ffi('Profile::year()')->compliance_profile_year($this->ptr());
    }

    public function decimals(): int
    {
        return (int) Native::ffi('Profile::decimals()')->compliance_profile_decimals($this->ptr());
    }

    /** "assessment" or "skm". */
    public function kind(): string
    {
        $k = (int) Native::ffi('Profile::kind()')->compliance_profile_kind($this->ptr());
        return $k === Constants::PROFILE_SKM ? 'skm' : 'assessment';
    }

    /**
     * The bands, highest first: lower, upper, category, zone, label, label_en (text).
     * @return list<array<string, string>>
     */
    public function bands(): array
    {
        $ffi = Native::ffi('Profile::bands()');
        $p = $this->ptr();
        $bands = [];
        $n = (int) $ffi->compliance_profile_band_count($p);
        for ($i = 0; $i < $n; $i++) {
            $bands[] = [
                'lower' => (string) $ffi->compliance_profile_band_lower($p, $i),
                'upper' => (string) $ffi->compliance_profile_band_upper($p, $i),
                'category' => (string) $ffi->compliance_profile_band_category($p, $i),
                'zone' => (string) $ffi->compliance_profile_band_zone($p, $i),
                'label' => (string) $ffi->compliance_profile_band_label($p, $i),
                'label_en' => (string) $ffi->compliance_profile_band_label_en($p, $i),
            ];
        }
        return $bands;
    }

    /**
     * Classifies a score given as a string ("87.995"; an int is accepted, a
     * float refused): rounded as the profile says, then its band.
     */
    public function classify(mixed $score): Classification
    {
        $score = Native::decimal($score, 'score');
        if (!Native::isFfi()) {
            $out = Cli::run(['classify', '--profile', $this->spec, '--', $score]);
            $f = explode("\t", rtrim($out, "\n"));
            // score, category ("-" for none: zone-only editions), zone, label
            $cat = $f[1] ?? '';
            return new Classification($f[0], null, $cat === '-' ? '' : $cat, $f[2] ?? '', $f[3] ?? '');
        }
        $ffi = Native::ffi();
        $p = $this->ptr();
        $ctx = new Context();
        $rounded = $ffi->new('int64_t');
        $band = $ffi->new('size_t');
        $rc = $ffi->compliance_profile_classify($ctx->ptr(), $p, $score, Native::addr($rounded), Native::addr($band));
        if ($rc !== 0) {
            throw $ctx->error($rc);
        }
        $b = (int) $band->cdata;
        return new Classification(
            Native::scaled((int) $rounded->cdata, (int) $ffi->compliance_profile_decimals($p)),
            $b,
            (string) $ffi->compliance_profile_band_category($p, $b),
            (string) $ffi->compliance_profile_band_zone($p, $b),
            (string) $ffi->compliance_profile_band_label($p, $b)
        );
    }

    /** Releases the profile (objects using it keep their own reference). */
    public function close(): void
    {
        if ($this->ptr !== null) {
            Native::ffi()->compliance_profile_free($this->ptr);
            $this->ptr = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }
}
