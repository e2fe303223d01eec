"""libcompliance for Python: Indonesia's Ombudsman compliance assessments and
the SKM/IKM satisfaction survey, computed exactly.

A thin layer over the C library (ctypes, no compiler, nothing downloaded).
Every number the library gives is returned as :class:`decimal.Decimal` built
from its exact decimal text (or :class:`fractions.Fraction` when the exact
value does not terminate, e.g. a mean of 511.17 / 7); numbers given to it
must be ``Decimal``, ``int`` or ``str`` -- a ``float`` is refused with
``TypeError``, since a binary float cannot hold 87.995.

    >>> import compliance
    >>> p = compliance.Profile("ombudsman-2023")
    >>> p.classify("87.995").category
    'A'

Errors raise :class:`ComplianceError` with the library's code name
(``COMPLIANCE_E_PARSE``), numeric code and message. Handles are freed by
``close()``, by ``with``, or when garbage collected; using a closed handle
raises ``ComplianceError`` (``COMPLIANCE_E_STATE``), never crashes.
"""
import collections
import ctypes
import decimal
import fractions
import json
import os
import threading
import weakref

from . import _native
from ._native import SONAME

__all__ = [
    "ComplianceError", "Profile", "Classification", "Assessment", "Entity", "Unit",
    "Skm", "SkmResult", "SkmElement", "load", "library_version", "builtins", "SONAME",
]

# enum values (include/compliance/*.h; they never change)
E_INVALID = -1
E_STATE = -12
_OPT_ROLLUP, _OPT_MISSING = 1, 2
_ROLLUP = {"default": 0, "units": 1, "products": 2}
_MISSING = {"error": 0, "exclude": 1, "minimum": 2}
_EXPLAIN_JSON, _EXPLAIN_TEXT = 0, 1
_FORMATS = {"table": 0, "csv": 1, "json": 2}
_SKM_OPT_MISSING, _SKM_OPT_CHECK_DUPLICATES = 1, 2
_SKM_MISSING = {"available": 0, "listwise": 1}
_SKM_IKM, _SKM_IKM_EXACT, _SKM_CATEGORY, _SKM_LABEL, _SKM_MISSING_USED = range(5)
_SKM_COUNTS = ("respondents", "respondents_read", "complete", "blank", "dropped")
_PROFILE_SKM = 1

_lib = None
_lib_lock = threading.Lock()
#: How many handles of each kind were released (the finalizer test reads it).
_released = collections.Counter()


class ComplianceError(Exception):
    """An error of the library (or of a use of this module that the library
    would refuse in the same way).

    Attributes: ``code`` (the negative ``COMPLIANCE_E_*`` value), ``name``
    (its name, ``compliance_error_name()``: ``"COMPLIANCE_E_PARSE"``),
    ``message`` (the library's message: file, line and field where it has
    them) and ``diagnostics`` (a list of strings: a profile's problems).
    """

    def __init__(self, code, name, message, diagnostics=()):
        self.code = code
        self.name = name
        self.message = message
        self.diagnostics = list(diagnostics)
        super().__init__("%s: %s" % (name, message))


def _check_version(lib, where):
    number = int(lib.compliance_version())
    text = (lib.compliance_version_string() or b"?").decode("utf-8", "replace")
    if not _native.VERSION_MIN <= number <= _native.VERSION_MAX:
        raise ComplianceError(
            E_INVALID, "COMPLIANCE_E_INVALID",
            "libcompliance %s (%s) is not compatible with this binding, which needs 0.%d.x "
            "(SONAME %s)" % (text, where, _native.VERSION_MIN // 100, SONAME))
    return text


def load(path=None):
    """Loads the library now (the first use of the module does it otherwise)
    and checks its version; returns the version string.

    @p path: a library file, e.g. a build tree's ``libcompliance.so.1``;
    default ``$COMPLIANCE_LIBRARY``, else the SONAME through the dynamic
    loader. Raises ``ComplianceError`` for a runtime of another ABI and
    ``OSError`` when the library cannot be loaded."""
    global _lib
    with _lib_lock:
        lib = _native.load_library(path)
        version = _check_version(lib, _native.find_library(path))
        _lib = lib
        return version


def _L():
    if _lib is None:
        load()
    return _lib


def library_version():
    """The runtime library's version string, e.g. ``"0.2.0"``."""
    return _L().compliance_version_string().decode("utf-8")


def builtins():
    """The ids of the built-in profiles (``ombudsman-2015`` .. ``skm-2017``)."""
    lib = _L()
    return [lib.compliance_builtin_id(i).decode("utf-8")
            for i in range(lib.compliance_builtin_count())]


# ---- conversions ------------------------------------------------------------

def _b(text):
    """A C string: a NUL inside would cut the text short, so it is refused."""
    if text is None:
        return None
    if isinstance(text, str):
        text = text.encode("utf-8")
    elif not isinstance(text, bytes):
        raise TypeError("expected str, got %s" % type(text).__name__)
    if b"\0" in text:
        raise ValueError("%r contains a NUL character" % (text,))
    return text


def _buf(data):
    """A buffer with its length (NUL bytes reach the library, which reports them)."""
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError("data: expected str or bytes, got %s" % type(data).__name__)


def _s(raw):
    return None if raw is None else raw.decode("utf-8")


def _number_text(value, what="number"):
    """The exact decimal text of a number given by the caller."""
    if isinstance(value, float):
        raise TypeError(
            "%s: a float (%r) is binary floating point and cannot hold most decimal "
            "scores exactly; pass decimal.Decimal, int or str" % (what, value))
    if isinstance(value, bool):
        raise TypeError("%s: a bool is not a number" % what)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError("%s: expected decimal.Decimal, int or str, got %s"
                    % (what, type(value).__name__))


def _number(raw):
    """Decimal from the library's exact text; Fraction for "n/d"."""
    if raw is None:
        return None
    text = raw.decode("ascii") if isinstance(raw, bytes) else raw
    if "/" in text:
        return fractions.Fraction(text)
    return decimal.Decimal(text)


def _raise(code, message, diagnostics=()):
    name = _s(_L().compliance_error_name(code))
    raise ComplianceError(code, name, message or _s(_L().compliance_strerror(code)),
                          diagnostics)


def _release(free_name, ptr):
    getattr(_lib, free_name)(ptr)
    _released[free_name] += 1


class _Ctx:
    """A short-lived compliance_ctx (one per call: a ctx is one thread's)."""

    def __enter__(self):
        lib = _L()
        self.ptr = ctypes.c_void_p()
        rc = lib.compliance_ctx_new(ctypes.byref(self.ptr))
        if rc:
            _raise(rc, "compliance_ctx_new failed")
        return self.ptr

    def __exit__(self, *exc):
        _L().compliance_ctx_free(self.ptr)

    @staticmethod
    def fail(ctx, rc):
        lib = _L()
        diags = [_s(lib.compliance_ctx_diag(ctx, i))
                 for i in range(lib.compliance_ctx_diag_count(ctx))]
        _raise(rc, _s(lib.compliance_ctx_errmsg(ctx)), diags)


class _Handle:
    """One C handle, released once: by close(), ``with`` or the collector."""
    _free_name = None
    _h = None
    _finalizer = None

    def _adopt(self, ptr):
        self._h = ptr
        self._finalizer = weakref.finalize(self, _release, self._free_name, ptr)

    def close(self):
        """Releases the handle now; later calls on it raise ComplianceError."""
        if self._finalizer is not None:
            self._finalizer()
        self._h = None

    @property
    def closed(self):
        return self._h is None

    def _ptr(self):
        if self._h is None:
            raise ComplianceError(E_STATE, "COMPLIANCE_E_STATE",
                                  "%s is closed" % type(self).__name__)
        return self._h

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _take_text(out):
    """The text the library allocated for the caller, released at once."""
    try:
        return ctypes.string_at(out.value).decode("utf-8")
    finally:
        _L().compliance_free(out)


# ---- profiles ---------------------------------------------------------------

Classification = collections.namedtuple("Classification", "score band category zone label")
Classification.__doc__ = """A classified score: ``score`` (Decimal, rounded as the
profile says), ``band`` (index), ``category`` (``"A"``..``"E"``, None for
zone-only editions), ``zone`` and ``label``."""

Band = collections.namedtuple("Band", "lower upper category zone label")


class Profile(_Handle):
    """A profile: the method of one edition, or an SKM survey method.

    ``Profile("ombudsman-2024")`` opens a built-in (:func:`builtins`);
    ``Profile(path="my.json")`` loads a file; ``Profile(data=b"{...}",
    name="mine")`` a buffer. A bad profile raises ComplianceError
    (``COMPLIANCE_E_PROFILE``) whose ``diagnostics`` name file, line and path.
    """
    _free_name = "compliance_profile_free"

    def __init__(self, id=None, *, path=None, data=None, name=None):
        if sum(x is not None for x in (id, path, data)) != 1:
            raise TypeError("Profile() takes exactly one of id, path= or data=")
        lib = _L()
        out = ctypes.c_void_p()
        with _Ctx() as ctx:
            if id is not None:
                rc = lib.compliance_profile_open(ctx, ctypes.byref(out), _b(id))
            elif path is not None:
                rc = lib.compliance_profile_load_file(ctx, ctypes.byref(out),
                                                      _b(os.fsencode(path)))
            else:
                raw = _buf(data)
                rc = lib.compliance_profile_load_buffer(ctx, ctypes.byref(out), raw, len(raw),
                                                        _b(name or "<buffer>"))
            if rc:
                _Ctx.fail(ctx, rc)
        self._adopt(out.value)

    @classmethod
    def from_file(cls, path):
        return cls(path=path)

    @classmethod
    def from_buffer(cls, data, name="<buffer>"):
        return cls(data=data, name=name)

    def __repr__(self):
        return "<compliance.Profile %s>" % (self.id if not self.closed else "(closed)")

    @property
    def id(self):
        return _s(_L().compliance_profile_id(self._ptr()))

    @property
    def name(self):
        return _s(_L().compliance_profile_name(self._ptr()))

    @property
    def year(self):
        return _L().compliance_profile_year(self._ptr())

    @property
    def kind(self):
        """``"assessment"`` or ``"skm"``."""
        return "skm" if _L().compliance_profile_kind(self._ptr()) == _PROFILE_SKM \
            else "assessment"

    @property
    def decimals(self):
        return _L().compliance_profile_decimals(self._ptr())

    @property
    def has_categories(self):
        return _L().compliance_profile_has_categories(self._ptr()) == 1

    @property
    def scale(self):
        """(minimum, maximum) as Decimal."""
        lib, p = _L(), self._ptr()
        return (_number(lib.compliance_profile_scale_min(p)),
                _number(lib.compliance_profile_scale_max(p)))

    @property
    def bands(self):
        """The band table: a list of Band(lower, upper, category, zone, label)
        with the bounds as printed in the profile (Decimal)."""
        lib, p = _L(), self._ptr()
        return [Band(_number(lib.compliance_profile_band_lower(p, i)),
                     _number(lib.compliance_profile_band_upper(p, i)),
                     _s(lib.compliance_profile_band_category(p, i)) or None,
                     _s(lib.compliance_profile_band_zone(p, i)),
                     _s(lib.compliance_profile_band_label(p, i)))
                for i in range(lib.compliance_profile_band_count(p))]

    @property
    def label_sets(self):
        lib, p = _L(), self._ptr()
        return [_s(lib.compliance_profile_label_set_id(p, i))
                for i in range(lib.compliance_profile_label_set_count(p))]

    def classify(self, score):
        """Rounds @p score as the profile says and finds its band.
        Returns a Classification; raises ComplianceError (PARSE, RANGE,
        MISSING for a profile without bands)."""
        lib, p = _L(), self._ptr()
        text = _number_text(score, "score")
        rounded = ctypes.c_int64()
        band = ctypes.c_size_t()
        with _Ctx() as ctx:
            rc = lib.compliance_profile_classify(ctx, p, _b(text), ctypes.byref(rounded),
                                                 ctypes.byref(band))
            if rc:
                _Ctx.fail(ctx, rc)
        buf = ctypes.create_string_buffer(64)
        rc = lib.compliance_format_scaled(buf, len(buf), rounded.value, self.decimals)
        if rc:
            _raise(rc, "compliance_format_scaled")
        i = band.value
        return Classification(_number(buf.value), i,
                              _s(lib.compliance_profile_band_category(p, i)) or None,
                              _s(lib.compliance_profile_band_zone(p, i)),
                              _s(lib.compliance_profile_band_label(p, i)))


def _profile_arg(profile):
    """(Profile, opened_here) for a Profile or a built-in id."""
    if isinstance(profile, Profile):
        return profile, False
    if isinstance(profile, (str, bytes)):
        return Profile(profile), True
    raise TypeError("profile: expected compliance.Profile or a built-in id")


# ---- assessments ------------------------------------------------------------

Unit = collections.namedtuple("Unit", "name score exact labels")
Unit.__doc__ = """A unit of an entity: ``name``, ``score`` (Decimal, rounded at the
unit stage), ``exact`` (Decimal or Fraction: before rounding), ``labels``
(dict: label set id -> label or None; empty without label sets)."""


class Entity:
    """An entity's result, copied out of the assessment when it was asked for.

    ``name``, ``type`` (``"kota"``...), ``score`` (Decimal), ``mean``
    (Decimal or Fraction: the exact mean after the flags' deductions, before
    rounding -- compliance_assessment_entity_mean_text()),
    ``category`` (None for zone-only editions), ``zone``, ``label`` (with the
    qualifiers' suffixes), ``qualified`` (bool), ``certificate`` (bool),
    ``label_sets`` (dict), ``rank``, ``rank_in_type``, ``band`` (index),
    ``unit_check`` (``"in_range"``, ``"unchecked"``, ``"too_few"``,
    ``"too_many"``), ``units`` (list of Unit), ``index``.
    """
    __slots__ = ("index", "name", "type", "score", "mean", "category", "zone", "label",
                 "qualified", "certificate", "label_sets", "rank", "rank_in_type", "band",
                 "unit_check", "units")

    def __repr__(self):
        return "<compliance.Entity %r %s %s %s>" % (self.name, self.score,
                                                    self.category or "-", self.zone)

    def as_dict(self):
        d = {k: getattr(self, k) for k in self.__slots__ if k != "units"}
        d["units"] = len(self.units)
        return d


class Assessment(_Handle):
    """Scores entities under one profile.

    ``Assessment(profile, rollup=None, missing=None)``: @p profile a Profile
    or a built-in id; @p rollup ``"units"``/``"products"``; @p missing
    ``"error"``/``"exclude"``/``"minimum"``. Add data (add_unit_score,
    add_rows, read_csv...), compute(), then read entities().
    """
    _free_name = "compliance_assessment_free"

    def __init__(self, profile, *, rollup=None, missing=None):
        lib = _L()
        prof, opened = _profile_arg(profile)
        out = ctypes.c_void_p()
        try:
            with _Ctx() as ctx:
                rc = lib.compliance_assessment_new(ctx, ctypes.byref(out), prof._ptr())
                if rc:
                    _Ctx.fail(ctx, rc)
            self._adopt(out.value)  # the assessment holds its own reference
            self._profile_id = prof.id
            self._label_sets = prof.label_sets
            self._decimals = prof.decimals
        finally:
            if opened:
                prof.close()
        if rollup is not None:
            self._option(_OPT_ROLLUP, _ROLLUP, rollup, "rollup")
        if missing is not None:
            self._option(_OPT_MISSING, _MISSING, missing, "missing")
        self._computed = False

    def __repr__(self):
        return "<compliance.Assessment %s>" % self._profile_id

    def _option(self, option, table, value, what):
        if value not in table:
            raise ValueError("%s: expected one of %s" % (what, ", ".join(table)))
        self._check(_L().compliance_assessment_set_option(self._ptr(), option, table[value]))

    def _check(self, rc):
        if rc < 0:
            _raise(rc, _s(_L().compliance_assessment_errmsg(self._h)))
        return rc

    # -- input
    def add_unit_score(self, entity, entity_type, unit, score):
        """Adds one unit's published score (Decimal, int or str)."""
        text = _number_text(score, "score")
        self._computed = False
        self._check(_L().compliance_assessment_add_unit_score(
            self._ptr(), _b(entity), _b(entity_type), _b(unit), _b(text)))

    def add_product_score(self, entity, entity_type, unit, product, score):
        text = _number_text(score, "score")
        self._computed = False
        self._check(_L().compliance_assessment_add_product_score(
            self._ptr(), _b(entity), _b(entity_type), _b(unit), _b(product), _b(text)))

    def add_value(self, entity, entity_type, unit, indicator, value):
        """Adds one indicator's value: a number (Decimal, int, str), or a
        yes/no answer (True/False, ``"ya"``/``"tidak"``), e.g. an entity-level
        input with unit ``"@entity"``."""
        if isinstance(value, bool):
            text = "ya" if value else "tidak"
        elif isinstance(value, str):
            text = value
        else:
            text = _number_text(value, "value")
        self._computed = False
        self._check(_L().compliance_assessment_add_value(
            self._ptr(), _b(entity), _b(entity_type), _b(unit), _b(indicator), _b(text)))

    def add_skm(self, entity, entity_type, unit, node, skm):
        """Feeds a computed survey (:class:`Skm`) into a node of a unit, e.g.
        the 2023 instrument's ``"output.ikm"``: its IKM becomes the node's
        value and explain() shows the survey."""
        if not isinstance(skm, Skm):
            raise TypeError("skm: expected compliance.Skm")
        self._computed = False
        self._check(_L().compliance_assessment_add_skm(
            self._ptr(), _b(entity), _b(entity_type), _b(unit), _b(node), skm._ptr()))

    def add_rows(self, rows):
        """Adds rows given as dicts with ``entity``, ``entity_type``, ``unit``
        and either ``unit_score`` (or ``score``), ``product`` + ``score``, or
        ``indicator`` + ``value`` -- the columns of the CSV forms. Each row
        is added on its own: on an error, the rows before it stay added and
        the message names the row (from 1). Returns how many were added."""
        n = 0
        for n, row in enumerate(rows, 1):
            try:
                e, t, u = row["entity"], row["entity_type"], row["unit"]
                if "indicator" in row:
                    self.add_value(e, t, u, row["indicator"], row["value"])
                elif "product" in row:
                    self.add_product_score(e, t, u, row["product"], row["score"])
                else:
                    self.add_unit_score(e, t, u, row["unit_score"] if "unit_score" in row
                                        else row["score"])
            except ComplianceError as err:
                raise ComplianceError(err.code, err.name, "row %d: %s" % (n, err.message))
            except KeyError as err:
                raise KeyError("row %d: no %s" % (n, err)) from None
        return n

    def read_csv(self, path=None, *, data=None, name="<buffer>"):
        """Reads a CSV file (@p path) or text (@p data, str or bytes); all or
        nothing: a bad row adds no row, and the error names file and line."""
        lib = _L()
        self._computed = False
        if data is not None:
            raw = _buf(data)
            self._check(lib.compliance_assessment_read_csv_buffer(self._ptr(), raw, len(raw),
                                                                  _b(name)))
        else:
            self._check(lib.compliance_assessment_read_csv_file(self._ptr(), _b(os.fsencode(path))))

    def read_json(self, path=None, *, data=None, name="<buffer>"):
        """Reads a JSON input document (docs/input-format.md); as read_csv."""
        lib = _L()
        self._computed = False
        if data is not None:
            raw = _buf(data)
            self._check(lib.compliance_assessment_read_json_buffer(self._ptr(), raw, len(raw),
                                                                   _b(name)))
        else:
            self._check(lib.compliance_assessment_read_json_file(self._ptr(), _b(os.fsencode(path))))

    def compute(self):
        """Scores every entity; returns self."""
        self._check(_L().compliance_assessment_compute(self._ptr()))
        self._computed = True
        return self

    # -- results
    def __len__(self):
        return _L().compliance_assessment_entity_count(self._ptr())

    def _index(self, entity):
        if isinstance(entity, int) and not isinstance(entity, bool):
            return entity
        idx = ctypes.c_size_t()
        self._check(_L().compliance_assessment_find(self._ptr(), _b(entity), ctypes.byref(idx)))
        return idx.value

    def entity(self, entity):
        """The result of one entity, by name or index (after compute())."""
        lib, a = _L(), self._ptr()
        i = self._index(entity)
        e = Entity()
        e.index = i
        e.name = _s(lib.compliance_assessment_entity_name(a, i))
        if e.name is None:
            _raise(-3, "no entity %r" % (entity,))
        e.type = _s(lib.compliance_enum_short_name(
            b"compliance_entity_type", lib.compliance_assessment_entity_type(a, i)))
        score = lib.compliance_assessment_entity_score_text(a, i)
        if score is None:
            _raise(E_STATE, "the assessment is not computed: call compute() first")
        e.score = _number(score)
        e.mean = _number(lib.compliance_assessment_entity_mean_text(a, i))
        e.category = _s(lib.compliance_assessment_entity_category(a, i)) or None
        e.zone = _s(lib.compliance_assessment_entity_zone(a, i))
        e.label = _s(lib.compliance_assessment_entity_label(a, i))
        e.qualified = self._check(lib.compliance_assessment_entity_qualified(a, i)) == 1
        e.certificate = self._check(lib.compliance_assessment_entity_certificate(a, i)) == 1
        e.label_sets = {sid: (_s(lib.compliance_assessment_entity_label_set(a, i, k)) or None)
                        for k, sid in enumerate(self._label_sets)}
        rank, rank_t, band = ctypes.c_size_t(), ctypes.c_size_t(), ctypes.c_size_t()
        self._check(lib.compliance_assessment_entity_rank(a, i, ctypes.byref(rank),
                                                          ctypes.byref(rank_t)))
        self._check(lib.compliance_assessment_entity_band(a, i, ctypes.byref(band)))
        e.rank, e.rank_in_type, e.band = rank.value, rank_t.value, band.value
        e.unit_check = _s(lib.compliance_enum_short_name(
            b"compliance_unit_check", self._check(lib.compliance_assessment_entity_unit_check(a, i))))
        e.units = []
        buf = ctypes.create_string_buffer(96)  # COMPLIANCE_EXACT_TEXT_SIZE
        text = ctypes.create_string_buffer(64)
        decimals = self._decimals
        for u in range(lib.compliance_assessment_unit_count(a, i)):
            scaled = ctypes.c_int64()
            self._check(lib.compliance_assessment_unit_score(ctypes.byref(scaled), a, i, u))
            self._check(lib.compliance_format_scaled(text, len(text), scaled.value, decimals))
            self._check(lib.compliance_assessment_unit_exact(buf, len(buf), a, i, u))
            labels = {sid: (_s(lib.compliance_assessment_unit_label(a, i, u, k)) or None)
                      for k, sid in enumerate(self._label_sets)}
            e.units.append(Unit(_s(lib.compliance_assessment_unit_name(a, i, u)),
                                _number(text.value), _number(buf.value), labels))
        return e

    def entities(self):
        """Every entity's result, in the order first given."""
        return [self.entity(i) for i in range(len(self))]

    def __iter__(self):
        return iter(self.entities())

    def _report(self, fn, entity, as_json):
        out = ctypes.c_void_p()
        i = self._index(entity)
        self._check(fn(self._ptr(), i, _EXPLAIN_JSON if as_json else _EXPLAIN_TEXT,
                       ctypes.byref(out)))
        text = _take_text(out)
        return json.loads(text, parse_float=decimal.Decimal) if as_json else text

    def explain(self, entity, as_json=False):
        """How the entity's score came about: text, or the JSON document
        parsed (docs/design.md §3.1; exact values stay strings)."""
        return self._report(_L().compliance_assessment_explain, entity, as_json)

    def advise(self, entity, as_json=False):
        """What would raise the entity to the next band: text, or the JSON
        document parsed (docs/design.md §3.2)."""
        return self._report(_L().compliance_assessment_advise, entity, as_json)

    def write(self, format="json"):
        """Every entity as the `compliance score` output: ``"json"``,
        ``"csv"`` or ``"table"`` (str)."""
        if format not in _FORMATS:
            raise ValueError("format: expected json, csv or table")
        out = ctypes.c_void_p()
        self._check(_L().compliance_assessment_write(self._ptr(), _FORMATS[format],
                                                     ctypes.byref(out)))
        return _take_text(out)

    def to_dataframe(self):
        """The entities as a pandas DataFrame (numbers as Decimal objects).
        Needs pandas, imported only here."""
        try:
            import pandas  # noqa: lazily, pandas is optional
        except ImportError as err:
            raise ImportError("Assessment.to_dataframe() needs pandas, which is not "
                              "installed (python3-pandas); the rest of compliance works "
                              "without it") from err
        return pandas.DataFrame([e.as_dict() for e in self.entities()])


# ---- SKM --------------------------------------------------------------------

SkmElement = collections.namedtuple("SkmElement", "code name answers nrr nrr_exact")
SkmResult = collections.namedtuple(
    "SkmResult", "ikm ikm_exact category label missing counts elements")
SkmResult.__doc__ = """A computed survey: ``ikm`` (Decimal, 2 decimals), ``ikm_exact``
(Decimal or Fraction), ``category``, ``label``, ``missing`` (the policy),
``counts`` (dict: respondents, respondents_read, complete, blank, dropped),
``elements`` (SkmElement per U1..U9: nrr rounded to 3 places, nrr_exact)."""


class Skm(_Handle):
    """A community satisfaction survey (SKM, Permenpan RB 14/2017).

    ``Skm("skm-2017", missing="available"|"listwise", check_duplicates=True)``;
    add respondents (add, add_many, read_csv), compute(), then result().
    """
    _free_name = "compliance_skm_free"

    def __init__(self, profile="skm-2017", *, missing=None, check_duplicates=None):
        lib = _L()
        prof, opened = _profile_arg(profile)
        out = ctypes.c_void_p()
        try:
            with _Ctx() as ctx:
                rc = lib.compliance_skm_new(ctx, ctypes.byref(out), prof._ptr())
                if rc:
                    _Ctx.fail(ctx, rc)
            self._adopt(out.value)
        finally:
            if opened:
                prof.close()
        if missing is not None:
            if missing not in _SKM_MISSING:
                raise ValueError("missing: expected available or listwise")
            self._check(lib.compliance_skm_set_option(self._h, _SKM_OPT_MISSING,
                                                      _SKM_MISSING[missing]))
        if check_duplicates is not None:
            self._check(lib.compliance_skm_set_option(self._h, _SKM_OPT_CHECK_DUPLICATES,
                                                      1 if check_duplicates else 0))

    def _check(self, rc):
        if rc < 0:
            _raise(rc, _s(_L().compliance_skm_errmsg(self._h)))
        return rc

    @property
    def elements(self):
        """[(code, name)] of the survey's elements."""
        lib, s = _L(), self._ptr()
        return [(_s(lib.compliance_skm_element(s, i, 0)), _s(lib.compliance_skm_element(s, i, 1)))
                for i in range(lib.compliance_skm_element_count(s))]

    def add(self, answers, id=None):
        """Adds one respondent: @p answers one per element (int 1..4, or None
        / 0 for no answer); @p id optional (checked for duplicates)."""
        vals = []
        for k, v in enumerate(answers):
            if v is None:
                v = 0
            if isinstance(v, bool) or not isinstance(v, (int, decimal.Decimal, str)):
                raise TypeError("answer %d: expected int or None, got %s"
                                % (k + 1, type(v).__name__))
            if isinstance(v, str):
                v = int(v) if v.strip() else 0
            elif isinstance(v, decimal.Decimal):
                if v != v.to_integral_value():
                    raise ValueError("answer %d: %s is not a whole answer" % (k + 1, v))
                v = int(v)
            if not -2**31 <= v < 2**31:
                raise ValueError("answer %d: %d is outside the answer scale" % (k + 1, v))
            vals.append(v)
        arr = (ctypes.c_int * max(len(vals), 1))(*vals)
        self._check(_L().compliance_skm_add_respondent(self._ptr(), _b(id), arr, len(vals)))

    def add_many(self, rows):
        """Adds respondents: each row a sequence of answers, or a dict with
        ``U1``..``U9`` (missing or None: no answer) and optional ``id``."""
        codes = [c for c, _ in self.elements]
        for n, row in enumerate(rows, 1):
            try:
                if isinstance(row, dict):
                    self.add([row.get(c) for c in codes], row.get("id", row.get("respondent")))
                else:
                    self.add(row)
            except ComplianceError as err:
                raise ComplianceError(err.code, err.name, "row %d: %s" % (n, err.message))

    def read_csv(self, path=None, *, data=None, name="<buffer>"):
        """Reads respondents from a CSV file or text (`respondent,U1..U9`)."""
        lib = _L()
        if data is not None:
            raw = _buf(data)
            self._check(lib.compliance_skm_read_csv_buffer(self._ptr(), raw, len(raw), _b(name)))
        else:
            self._check(lib.compliance_skm_read_csv_file(self._ptr(), _b(os.fsencode(path))))

    def compute(self):
        """Computes the NRRs and the IKM; returns result()."""
        self._check(_L().compliance_skm_compute(self._ptr()))
        return self.result()

    def result(self):
        lib, s = _L(), self._ptr()
        ikm = lib.compliance_skm_result(s, _SKM_IKM)
        if ikm is None:
            _raise(E_STATE, "the survey is not computed: call compute() first")
        counts = {k: int(lib.compliance_skm_count(s, i)) for i, k in enumerate(_SKM_COUNTS)}
        elements = [SkmElement(_s(lib.compliance_skm_element(s, i, 0)),
                               _s(lib.compliance_skm_element(s, i, 1)),
                               int(lib.compliance_skm_element_answers(s, i)),
                               _number(lib.compliance_skm_nrr(s, i, 0)),
                               _number(lib.compliance_skm_nrr(s, i, 1)))
                    for i in range(lib.compliance_skm_element_count(s))]
        return SkmResult(_number(ikm), _number(lib.compliance_skm_result(s, _SKM_IKM_EXACT)),
                         _s(lib.compliance_skm_result(s, _SKM_CATEGORY)),
                         _s(lib.compliance_skm_result(s, _SKM_LABEL)),
                         _s(lib.compliance_skm_result(s, _SKM_MISSING_USED)), counts, elements)

    def write(self, format="json"):
        """The result as `compliance skm` prints it (json, csv or table)."""
        if format not in _FORMATS:
            raise ValueError("format: expected json, csv or table")
        out = ctypes.c_void_p()
        self._check(_L().compliance_skm_write(self._ptr(), _FORMATS[format], ctypes.byref(out)))
        return _take_text(out)
