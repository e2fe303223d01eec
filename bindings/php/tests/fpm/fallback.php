<?php

// Served by the second php-fpm of tests/fpm_test.sh, started without the
// recipe (ffi.enable=preload, nothing preloaded): the binding must say why
// FFI is off and serve classify and scoring through the compliance program.

declare(strict_types=1);

header('Content-Type: text/plain');
require (string) $_SERVER['COMPLIANCE_PACKAGE'] . '/autoload.php';

use Compliance\Assessment;
use Compliance\Compliance;

echo 'backend=', Compliance::backend(), "\n";
echo 'reason=', Compliance::fallbackReason(), "\n";
$c = Compliance::classify('ombudsman-2023', '87.995');
echo 'classify=', $c->score, ' ', $c->category, ' ', $c->label, "\n";
// Kabupaten Bekasi 2022 (tests/data/unit-means.csv): published 73.02 C kuning
$a = new Assessment('ombudsman-2022');
foreach (['82.70', '62.62', '66.29', '62.72', '77.45', '75.91', '83.48'] as $i => $s) {
    $a->addUnitScore('Kabupaten Bekasi', 'kabupaten', 'Unit ' . $i, $s);
}
$e = $a->entity('Kabupaten Bekasi');
echo 'bekasi=', $e->score, ' ', $e->category, ' ', $e->zone, "\n";
