<?php

// Served by the php-fpm of tests/fpm_test.sh: scores the published vectors
// through the preloaded binding (no autoloader: the classes are preloaded)
// and checks that plain FFI::cdef is refused under ffi.enable=preload.

declare(strict_types=1);

header('Content-Type: text/plain');
require dirname(__DIR__) . '/vectors.php';

echo 'sapi=', PHP_SAPI, "\n";
echo 'ffi.enable=', ini_get('ffi.enable'), "\n";
echo 'preloaded=', class_exists(Compliance\Native::class, false) ? 'yes' : 'no', "\n";
echo 'backend=', Compliance\Compliance::backend(), "\n";
try {
    FFI::cdef('int abs(int);');
    echo "cdef=allowed\n";
} catch (FFI\Exception $e) {
    echo 'cdef=refused: ', $e->getMessage(), "\n";
}
$n = check_vectors((string) $_SERVER['COMPLIANCE_DATA']);
echo 'vectors=', $n, "\n";
echo 'version=', Compliance\Compliance::version(), "\n";
try {
    Compliance\Compliance::classify('ombudsman-2023', 87.995);
    echo "float=accepted\n";
} catch (TypeError $e) {
    echo "float=refused\n";
}
echo 'checks=', T::$checks, ' failed=', count(T::$failures), "\n";
foreach (T::$failures as $f) {
    echo 'FAIL: ', $f, "\n";
}
