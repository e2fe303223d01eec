<?php

declare(strict_types=1);

namespace Compliance;

/**
 * @internal How the binding reaches libcompliance: FFI::scope() when the
 * header was preloaded (php-fpm, ffi.enable=preload), FFI::load() where FFI
 * is enabled (CLI, ffi.enable=1), else the `compliance` program (Cli).
 *
 * Every static FFI method (FFI::addr, FFI::string, ...) is called from
 * here: under ffi.enable=preload PHP allows them only from preloaded code,
 * which this class is once opcache.preload compiled it (README.md).
 */
final class Native
{
    public const BACKEND_SCOPE = 'ffi-scope';
    public const BACKEND_LOAD = 'ffi-load';
    public const BACKEND_CLI = 'cli';

    private static ?\FFI $ffi = null;
    private static ?string $backend = null;
    private static string $reason = '';

    /** The header next to this package: generated/compliance-ffi.h. */
    public static function headerPath(): string
    {
        $env = getenv('COMPLIANCE_FFI_HEADER');
        if (is_string($env) && $env !== '') {
            return $env;
        }
        return dirname(__DIR__) . '/generated/' . Constants::FFI_HEADER;
    }

    public static function backend(): string
    {
        self::init();
        return (string) self::$backend;
    }

    public static function reason(): string
    {
        self::init();
        return self::$reason;
    }

    public static function isFfi(): bool
    {
        return self::backend() !== self::BACKEND_CLI;
    }

    /** Forgets what init() found (tests). */
    public static function reset(): void
    {
        self::$ffi = null;
        self::$backend = null;
        self::$reason = '';
    }

    private static function init(): void
    {
        if (self::$backend !== null) {
            return;
        }
        $how = ' The binding falls back to the `compliance` program for the calls it can serve '
            . '(Compliance::backend() says which is used). See bindings/php/README.md.';
        if (!extension_loaded('ffi')) {
            self::useCli('FFI is off: the PHP extension "ffi" is not loaded. Enable it with '
                . '"extension=ffi" (Debian: phpenmod ffi).' . $how);
            return;
        }
        $enable = strtolower(trim((string) ini_get('ffi.enable')));
        if (in_array($enable, ['0', '', 'off', 'false', 'no'], true)) {
            self::useCli('FFI is off: ffi.enable is "' . ini_get('ffi.enable') . '". Set ffi.enable=preload '
                . 'with ffi.preload=' . self::headerPath() . ' (php-fpm), or ffi.enable=1 (CLI).' . $how);
            return;
        }
        try {
            self::$ffi = \FFI::scope(Constants::FFI_SCOPE);
            self::$backend = self::BACKEND_SCOPE;
        } catch (\Throwable $e) {
            $scopeError = $e->getMessage();
            $cli = PHP_SAPI === 'cli' || PHP_SAPI === 'phpdbg';
            if (in_array($enable, ['1', 'on', 'true', 'yes'], true) || ($enable === 'preload' && $cli)) {
                try {
                    self::$ffi = \FFI::load(self::headerPath());
                    self::$backend = self::BACKEND_LOAD;
                } catch (\Throwable $e2) {
                    self::useCli('FFI is off: FFI::load("' . self::headerPath() . '") failed: ' . $e2->getMessage()
                        . ' (is ' . Constants::FFI_LIB . ' installed and in the loader\'s path?).' . $how);
                    return;
                }
            } else {
                self::useCli('FFI is off: ffi.enable is "preload" and FFI::scope("' . Constants::FFI_SCOPE
                    . '") failed (' . $scopeError . '). Under ffi.enable=preload both are needed: '
                    . 'ffi.preload=' . self::headerPath() . ' (the scope) and opcache.preload='
                    . dirname(__DIR__) . '/preload.php (PHP lets only preloaded code use FFI), '
                    . 'with opcache.preload_user when php-fpm starts as root.' . $how);
                return;
            }
        }
        $runtime = (int) self::$ffi->compliance_version();
        if (intdiv($runtime, 100) !== intdiv(Constants::VERSION_NUMBER, 100) || $runtime < Constants::VERSION_NUMBER) {
            $got = (string) self::$ffi->compliance_version_string();
            self::$ffi = null;
            self::$backend = null;
            throw new ComplianceException('libcompliance ' . $got . ' is loaded, but this binding was generated for '
                . Constants::VERSION_STRING . ' (same major.minor, same or later patch needed)', 0, 'VERSION_MISMATCH');
        }
    }

    private static function useCli(string $reason): void
    {
        self::$backend = self::BACKEND_CLI;
        self::$reason = $reason;
    }

    /** The FFI object; a ComplianceException FFI_UNAVAILABLE in the fallback. */
    public static function ffi(string $what = 'this call'): \FFI
    {
        self::init();
        if (self::$ffi === null) {
            throw new ComplianceException($what . ' needs FFI, which is off. ' . self::$reason, 0, 'FFI_UNAVAILABLE');
        }
        return self::$ffi;
    }

    public static function addr(\FFI\CData $c): \FFI\CData
    {
        return \FFI::addr($c);
    }

    /** Copies a char* the library allocated, then frees it (compliance_free()). */
    public static function take(\FFI\CData $p): string
    {
        if (\FFI::isNull($p)) {
            return '';
        }
        $s = \FFI::string($p);
        self::$ffi->compliance_free($p);
        return $s;
    }

    /** "94.46" from (9446, 2). */
    public static function scaled(int $value, int $decimals): string
    {
        $ffi = self::ffi();
        $buf = $ffi->new('char[32]');
        $ffi->compliance_format_scaled($buf, 32, $value, $decimals);
        return \FFI::string($buf);
    }

    public static function errorName(int $code): string
    {
        if (self::$ffi !== null) {
            return (string) self::$ffi->compliance_error_name($code);
        }
        foreach (Constants::ENUMS['compliance_error'] as $name => $v) {
            if ($v === $code) {
                return $name;
            }
        }
        return 'COMPLIANCE_E_UNKNOWN';
    }

    public static function error(int $code, string $message): ComplianceException
    {
        if ($message === '') {
            $message = self::$ffi !== null ? (string) self::$ffi->compliance_strerror($code) : 'error ' . $code;
        }
        return new ComplianceException($message, $code, self::errorName($code));
    }

    /**
     * An exact number argument as the text the library reads: a string as
     * given, an int in decimal, a Stringable as it prints; a float is refused (it is binary: 0.1 is
     * not 1/10), as is anything else.
     */
    public static function decimal(mixed $v, string $what): string
    {
        if (is_string($v)) {
            return $v;
        }
        if (is_int($v) || $v instanceof \Stringable) {
            return (string) $v; // e.g. a brick/math BigDecimal prints itself exactly
        }
        if (is_float($v)) {
            throw new \TypeError($what . ': pass the number as a string such as \'87.995\', not the float '
                . var_export($v, true) . ': a PHP float is binary and cannot hold every decimal exactly');
        }
        throw new \TypeError($what . ': expected a decimal number as a string, got ' . get_debug_type($v));
    }

    /** A text argument: a string (no NUL byte). */
    public static function text(mixed $v, string $what): string
    {
        if (!is_string($v)) {
            throw new \TypeError($what . ': expected a string, got ' . get_debug_type($v));
        }
        if (str_contains($v, "\0")) {
            throw new ComplianceException($what . ': contains a NUL byte', Constants::E_PARSE, 'COMPLIANCE_E_PARSE');
        }
        return $v;
    }

    /** An enum argument: its value or its short or full name ("exclude"). */
    public static function enumValue(string $enum, mixed $v, string $what): int
    {
        $values = Constants::ENUMS[$enum];
        if (is_int($v) && in_array($v, $values, true)) {
            return $v;
        }
        if (is_string($v)) {
            foreach ($values as $name => $value) {
                if ($v === $name || $v === self::shortName($enum, $name)) {
                    return $value;
                }
            }
        }
        $names = array_map(fn ($n) => self::shortName($enum, $n), array_keys($values));
        throw new ComplianceException($what . ': expected one of ' . implode(', ', $names) . ', got '
            . var_export($v, true), Constants::E_INVALID, 'COMPLIANCE_E_INVALID');
    }

    /** The short name of an enum constant: "exclude" for COMPLIANCE_MISSING_EXCLUDE. */
    public static function shortName(string $enum, string $name): string
    {
        $prefixes = [];
        foreach (array_keys(Constants::ENUMS[$enum]) as $n) {
            $prefixes[] = $n;
        }
        // the longest common prefix ending in '_'
        $p = $prefixes[0];
        foreach ($prefixes as $n) {
            while (!str_starts_with($n, $p)) {
                $p = substr($p, 0, -1);
            }
        }
        $p = substr($p, 0, (int) strrpos($p, '_') + 1);
        return strtolower(substr($name, strlen($p)));
    }
}
