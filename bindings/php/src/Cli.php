<?php

declare(strict_types=1);

namespace Compliance;

/**
 * @internal The fallback when FFI is off: runs the `compliance` program
 * (proc_open with an argument list, no shell) and reads its JSON or text.
 * The program is $COMPLIANCE_CLI, else Compliance::setCliPath(), else
 * `compliance` from PATH.
 */
final class Cli
{
    private static ?string $path = null;

    public static function setPath(?string $path): void
    {
        self::$path = $path;
    }

    public static function path(): string
    {
        if (self::$path !== null) {
            return self::$path;
        }
        $env = getenv('COMPLIANCE_CLI');
        if (is_string($env) && $env !== '') {
            return $env;
        }
        foreach (explode(PATH_SEPARATOR, (string) getenv('PATH')) as $dir) {
            if ($dir !== '' && is_executable($dir . '/compliance')) {
                return $dir . '/compliance';
            }
        }
        return 'compliance';
    }

    /**
     * Runs the program with $args, feeding $stdin; returns its standard
     * output, or throws a ComplianceException. The program prints its
     * failure as JSON (--error-format json): the exception then carries the
     * library's code, code name and message, as the FFI path's does; with
     * $stdinName the message's "<stdin>" is that name (the name the FFI
     * path reads the same text under). CLI_FAILED when the program gives
     * no such object (it cannot be run, or it is older).
     * @param list<string> $args
     */
    public static function run(array $args, string $stdin = '', ?string $stdinName = null): string
    {
        $args = array_merge(['--error-format', 'json'], $args);
        $cmd = array_merge([self::path()], $args);
        $spec = [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']];
        $proc = @proc_open($cmd, $spec, $pipes);
        if (!is_resource($proc)) {
            throw new ComplianceException('cannot run ' . self::path() . ' (the CLI fallback, used because '
                . Native::reason() . ')', 0, 'CLI_FAILED');
        }
        // feed and drain together so that neither pipe fills up
        stream_set_blocking($pipes[1], false);
        stream_set_blocking($pipes[2], false);
        $out = '';
        $err = '';
        $off = 0;
        $len = strlen($stdin);
        if ($len === 0) {
            fclose($pipes[0]);
        }
        $open = [1 => $pipes[1], 2 => $pipes[2]];
        while ($open || $off < $len) {
            $r = array_values($open);
            $w = $off < $len ? [$pipes[0]] : [];
            $e = null;
            if (@stream_select($r, $w, $e, 30) === false) {
                break;
            }
            foreach ($w as $s) {
                $n = fwrite($s, substr($stdin, $off, 65536));
                $off += $n === false ? $len : $n;
                if ($off >= $len) {
                    fclose($pipes[0]);
                }
            }
            foreach ($r as $s) {
                $chunk = fread($s, 65536);
                $k = $s === $pipes[1] ? 1 : 2;
                if ($chunk === '' || $chunk === false) {
                    if (feof($s)) {
                        fclose($s);
                        unset($open[$k]);
                    }
                    continue;
                }
                if ($k === 1) {
                    $out .= $chunk;
                } else {
                    $err .= $chunk;
                }
            }
        }
        $status = proc_close($proc);
        if ($status !== 0) {
            $e = self::errorObject($err, $stdinName);
            if ($e !== null) {
                throw $e;
            }
            $msg = trim(preg_replace('/^compliance: /m', '', $err) ?? $err);
            if ($status === 127 && $msg === '') {
                $msg = 'cannot run ' . self::path() . ' (not found: set COMPLIANCE_CLI or Compliance::setCliPath()); '
                    . 'it is the fallback. ' . Native::reason();
            }
            throw new ComplianceException($msg !== '' ? $msg : self::path() . ' failed with status ' . $status,
                0, 'CLI_FAILED');
        }
        return $out;
    }

    /**
     * The exception for the program's JSON error object, the last line of
     * its standard error (`compliance --error-format json`); null when
     * there is none.
     */
    private static function errorObject(string $err, ?string $stdinName): ?ComplianceException
    {
        $lines = explode("\n", rtrim($err, "\n"));
        $last = (string) end($lines);
        if (!str_starts_with($last, '{"error":')) {
            return null;
        }
        $doc = json_decode($last, true, 16, JSON_BIGINT_AS_STRING);
        $e = is_array($doc) && is_array($doc['error'] ?? null) ? $doc['error'] : null;
        if ($e === null || !is_string($e['code'] ?? null) || !is_string($e['message'] ?? null)) {
            return null;
        }
        $msg = $e['message'];
        if ($stdinName !== null && str_starts_with($msg, '<stdin>:')) {
            $msg = $stdinName . substr($msg, 7);
        }
        $code = is_int($e['value'] ?? null) ? $e['value'] : (Constants::ENUMS['compliance_error'][$e['code']] ?? 0);
        return new ComplianceException($msg, $code, $e['code']);
    }

    /** @return array<mixed> */
    public static function json(array $args, string $stdin = ''): array
    {
        $out = self::run($args, $stdin);
        $v = json_decode($out, true, 512, JSON_BIGINT_AS_STRING);
        if (!is_array($v)) {
            throw new ComplianceException('the compliance program printed no JSON: ' . substr($out, 0, 200),
                0, 'CLI_FAILED');
        }
        return $v;
    }
}
