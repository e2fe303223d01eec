<?php
// The per-request cost of libcompliance for a PHP developer (issue 13): what a
// php-fpm request that classifies one score pays through the binding
// (bindings/php). Run by bench/run.sh:
//
//   php -d ffi.enable=1 bench/php_request.php AUTOLOAD [N]
//
// Prints one line of key=value figures, in microseconds:
//   load_us      FFI::load() of the generated header: parsing it and dlopen;
//                what every request pays when the header is NOT preloaded
//                (the mean of 200 loads; dlopen of a loaded library is cheap,
//                so this is mostly PHP parsing the C declarations)
//   first_us     the first Compliance::classify() of the process: the binding
//                autoloaded, FFI set up, the built-in profile opened for the
//                first time
//   request_us   one request after that: Profile::open() of the built-in,
//                classify() of one score, the profile freed (the mean of N);
//                what a request pays under the php-fpm recipe (the header
//                preloaded once per worker: bindings/php/README.md)
//   classify_us  classify() alone on an open profile (the mean of N)
// It also checks each answer against the published band (the 2025
// opinion band A starts at 88.00), so a broken binding cannot time well.
declare(strict_types=1);

if ($argc < 2) {
    fwrite(STDERR, "usage: php -d ffi.enable=1 php_request.php AUTOLOAD [N]\n");
    exit(2);
}
$t0 = hrtime(true);
require $argv[1];
$n = isset($argv[2]) ? max(1, (int) $argv[2]) : 20000;

use Compliance\Compliance;
use Compliance\Native;
use Compliance\Profile;

function check(string $what, string $got, string $want): void
{
    if ($got !== $want) {
        fwrite(STDERR, "php_request: $what: got $got, expected $want\n");
        exit(1);
    }
}

$c = Compliance::classify('ombudsman-2025', '88.00');
$first = (hrtime(true) - $t0) / 1e3;
check('classify 88.00', $c->category, 'A');
if (Native::backend() === Native::BACKEND_CLI) {
    fwrite(STDERR, "php_request: FFI is off (" . Native::reason() . ")\n");
    exit(1);
}

$t = hrtime(true);
for ($i = 0; $i < $n; $i++) {
    $p = Profile::open('ombudsman-2025');
    $c = $p->classify('87.99');
    unset($p);
}
$request = (hrtime(true) - $t) / 1e3 / $n;
check('classify 87.99', $c->category, 'B');

$p = Profile::open('ombudsman-2025');
$t = hrtime(true);
for ($i = 0; $i < $n; $i++) {
    $c = $p->classify('88.00');
}
$classify = (hrtime(true) - $t) / 1e3 / $n;
check('classify 88.00 again', $c->category, 'A');

$header = Native::headerPath();
$loads = 200;
$t = hrtime(true);
for ($i = 0; $i < $loads; $i++) {
    $f = \FFI::load($header);
}
$load = (hrtime(true) - $t) / 1e3 / $loads;

printf("mode=php_request php=%s backend=%s n=%d load_us=%.1f first_us=%.1f request_us=%.2f classify_us=%.2f\n",
    PHP_VERSION, Native::backend(), $n, $load, $first, $request, $classify);
