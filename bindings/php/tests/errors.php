<?php

// The refused inputs of the malformed-input catalogue (tests/data/bad/cases.tsv:
// the library's own test of codes and messages) read through the binding,
// for unit.php: each file's exception, so that the FFI path and the CLI
// fallback can be compared with the catalogue and with each other.
//   php [-d ffi.enable=1] errors.php PACKAGE_DIR DATA_DIR   prints them as JSON

declare(strict_types=1);

use Compliance\Assessment;
use Compliance\ComplianceException;

/**
 * file => [expected code name, message fragment, [code name, code, message]
 * of the exception, or null when none was thrown] for every refused CSV
 * and JSON input under a built-in profile.
 * @return array<string, array{string, string, ?array{string, int, string}}>
 */
function bad_input_errors(string $data): array
{
    $r = [];
    foreach (file($data . '/bad/cases.tsv', FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if ($line === '' || $line[0] === '#') {
            continue;
        }
        [$file, $kind, $profile, $code, $fragment] = explode("\t", $line) + ['', '', '', '', ''];
        if (!in_array($kind, ['csv', 'json', 'csv+compute'], true) || $code === 'OK'
            || !str_starts_with($profile, 'ombudsman-')) {
            continue;
        }
        $path = $data . '/bad/' . $file;
        $got = null;
        try {
            $a = new Assessment($profile);
            if (str_ends_with($file, '.json')) {
                $a->readJsonFile($path);
            } else {
                $a->readCsvFile($path);
            }
            $a->compute();
        } catch (ComplianceException $e) {
            $got = [$e->getCodeName(), $e->getCode(), $e->getMessage()];
        }
        $r[$file] = ['COMPLIANCE_' . $code, $fragment, $got];
    }
    return $r;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === realpath(__FILE__)) {
    require $argv[1] . '/autoload.php';
    echo json_encode(bad_input_errors($argv[2]), JSON_THROW_ON_ERROR), "\n";
}
