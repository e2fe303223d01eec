<?php

declare(strict_types=1);

namespace Compliance;

/**
 * The entry points: versions, the built-in profiles, a quick classify,
 * and which way the binding reaches the library.
 *
 *     Compliance::classify('ombudsman-2023', '87.995')->category  // "A"
 */
final class Compliance
{
    /** @var list<string>|null the CLI fallback's list, asked once */
    private static ?array $cliBuiltins = null;

    /** The library's version as a string, e.g. "0.2.0" (the runtime library's, checked against the header's). */
    public static function version(): string
    {
        if (Native::isFfi()) {
            return (string) Native::ffi()->compliance_version_string();
        }
        $out = Cli::run(['version']);
        if (preg_match('/libcompliance (\d+)\.(\d+)\.(\d+)/', $out, $m)) {
            $v = (int) $m[1] * 10000 + (int) $m[2] * 100 + (int) $m[3];
            if (intdiv($v, 100) !== intdiv(Constants::VERSION_NUMBER, 100)) {
                throw new ComplianceException(Cli::path() . ' uses libcompliance ' . $m[0] . ', this binding was '
                    . 'generated for ' . Constants::VERSION_STRING, 0, 'VERSION_MISMATCH');
            }
            return $m[1] . '.' . $m[2] . '.' . $m[3];
        }
        throw new ComplianceException('cannot read the version of ' . Cli::path() . ': ' . trim($out), 0, 'CLI_FAILED');
    }

    /** The version of the headers this binding was generated from. */
    public static function headerVersion(): string
    {
        return Constants::VERSION_STRING;
    }

    /** "ffi-scope" (preloaded, php-fpm), "ffi-load" (FFI::load, CLI) or "cli" (the fallback). */
    public static function backend(): string
    {
        return Native::backend();
    }

    /** Why the binding uses the CLI fallback, and how to turn FFI on; "" when FFI is used. */
    public static function fallbackReason(): string
    {
        return Native::reason();
    }

    /** The `compliance` program the fallback runs (default: $COMPLIANCE_CLI, else from PATH). */
    public static function setCliPath(?string $path): void
    {
        Cli::setPath($path);
        self::$cliBuiltins = null;
    }

    /** @return list<string> the ids of the built-in profiles */
    public static function builtins(): array
    {
        if (!Native::isFfi()) {
            if (self::$cliBuiltins === null) {
                $ids = [];
                foreach (explode("\n", trim(Cli::run(['profiles']))) as $line) {
                    $ids[] = explode("\t", $line)[0];
                }
                self::$cliBuiltins = $ids;
            }
            return self::$cliBuiltins;
        }
        $ffi = Native::ffi();
        $n = (int) $ffi->compliance_builtin_count();
        $ids = [];
        for ($i = 0; $i < $n; $i++) {
            $ids[] = (string) $ffi->compliance_builtin_id($i);
        }
        return $ids;
    }

    /** Classifies a score (a string) under a profile (an id or a Profile). */
    public static function classify(Profile|string $profile, mixed $score): Classification
    {
        $p = is_string($profile) ? Profile::open($profile) : $profile;
        return $p->classify($score);
    }

    /** The name of an error code, e.g. "COMPLIANCE_E_PARSE". */
    public static function errorName(int $code): string
    {
        return Native::errorName($code);
    }
}
