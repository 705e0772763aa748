#include "documents/SaneScanner.h"

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <QByteArray>
#include <QScopeGuard>
#include <QVector>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

namespace certdesk::documents {

namespace {

// SANE keeps process-wide state in sane_init/sane_exit and its backends are not thread-safe: one mutex for
// every call, one reference count for the library's lifetime.
std::mutex& saneMutex()
{
    static std::mutex mutex;
    return mutex;
}
int g_references = 0;
bool g_initialised = false;

struct HandleCloser
{
    void operator()(void* handle) const
    {
        // The standard requires sane_cancel before sane_close when a scan may still be active; it is harmless
        // otherwise.
        sane_cancel(static_cast<SANE_Handle>(handle));
        sane_close(static_cast<SANE_Handle>(handle));
    }
};
using Handle = std::unique_ptr<void, HandleCloser>;

DocumentError saneError(SANE_Status status, const char* what)
{
    DocumentStatus mapped = DocumentStatus::ScanFailed;
    switch (status) {
    case SANE_STATUS_CANCELLED:
        mapped = DocumentStatus::Cancelled;
        break;
    case SANE_STATUS_DEVICE_BUSY:
        mapped = DocumentStatus::ScannerBusy;
        break;
    case SANE_STATUS_JAMMED:
        mapped = DocumentStatus::ScannerJammed;
        break;
    case SANE_STATUS_NO_DOCS:
        mapped = DocumentStatus::ScannerNoPaper;
        break;
    case SANE_STATUS_COVER_OPEN:
        mapped = DocumentStatus::ScannerCoverOpen;
        break;
    case SANE_STATUS_ACCESS_DENIED:
        mapped = DocumentStatus::ScannerAccessDenied;
        break;
    default:
        break;
    }
    return {
        mapped, QString::fromLatin1(what) + QStringLiteral(": ") + QString::fromUtf8(sane_strstatus(status))};
}

// The options of one open device, looked up by their well-known names (saneopts.h).
class Options
{
public:
    explicit Options(SANE_Handle handle)
        : m_handle(handle)
    { }

    // Index and descriptor of an active, software-settable option, or -1.
    int find(const QByteArray& name, const SANE_Option_Descriptor** descriptor) const
    {
        SANE_Int count = 0;
        if (sane_control_option(m_handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD)
            return -1;
        for (SANE_Int i = 1; i < count; ++i) {
            const SANE_Option_Descriptor* d = sane_get_option_descriptor(m_handle, i);
            if (d && d->name && name == d->name && SANE_OPTION_IS_ACTIVE(d->cap)
                && SANE_OPTION_IS_SETTABLE(d->cap)) {
                *descriptor = d;
                return i;
            }
        }
        return -1;
    }

    // Sets a numeric option (INT or FIXED), clamped to its range or snapped to the nearest listed value.
    bool setNumber(const QByteArray& name, double value)
    {
        const SANE_Option_Descriptor* d = nullptr;
        const int index = find(name, &d);
        if (index < 0 || d->size < SANE_Int(sizeof(SANE_Word))
            || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED))
            return false;
        const bool fixed = d->type == SANE_TYPE_FIXED;
        auto toDouble = [fixed](SANE_Word w) { return fixed ? SANE_UNFIX(w) : double(w); };
        if (d->constraint_type == SANE_CONSTRAINT_RANGE && d->constraint.range) {
            value = std::clamp(value, toDouble(d->constraint.range->min), toDouble(d->constraint.range->max));
        } else if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST && d->constraint.word_list) {
            const SANE_Word* list = d->constraint.word_list;
            double best = value;
            double distance = -1;
            for (SANE_Word i = 1; i <= list[0]; ++i) {
                const double candidate = toDouble(list[i]);
                if (distance < 0 || std::abs(candidate - value) < distance) {
                    distance = std::abs(candidate - value);
                    best = candidate;
                }
            }
            value = best;
        }
        // An option may be an array (one value per channel): set every element.
        QVector<SANE_Word> words(std::max<SANE_Int>(1, d->size / SANE_Int(sizeof(SANE_Word))),
            fixed ? SANE_FIX(value) : SANE_Word(std::lround(value)));
        SANE_Int info = 0;
        return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, words.data(), &info)
            == SANE_STATUS_GOOD;
    }

    // Sets a string option to the listed value that matches `wanted` (exact first, then case-insensitive,
    // then any value containing one of `aliases`).
    bool setString(const QByteArray& name, const QString& wanted, const QStringList& aliases = {})
    {
        const SANE_Option_Descriptor* d = nullptr;
        const int index = find(name, &d);
        if (index < 0 || d->type != SANE_TYPE_STRING || d->size <= 0)
            return false;
        QString chosen = wanted;
        if (d->constraint_type == SANE_CONSTRAINT_STRING_LIST && d->constraint.string_list) {
            QStringList values;
            for (const SANE_String_Const* s = d->constraint.string_list; *s; ++s)
                values.append(QString::fromUtf8(*s));
            chosen.clear();
            for (const QString& v : std::as_const(values))
                if (v == wanted)
                    chosen = v;
            for (const QString& v : std::as_const(values))
                if (chosen.isEmpty() && v.compare(wanted, Qt::CaseInsensitive) == 0)
                    chosen = v;
            for (const QString& alias : aliases)
                for (const QString& v : std::as_const(values))
                    if (chosen.isEmpty() && v.contains(alias, Qt::CaseInsensitive))
                        chosen = v;
            if (chosen.isEmpty())
                return false;
        }
        QByteArray buffer = chosen.toUtf8();
        if (buffer.size() >= d->size)
            return false;
        buffer.resize(d->size, '\0');
        SANE_Int info = 0;
        return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, buffer.data(), &info)
            == SANE_STATUS_GOOD;
    }

    bool setBool(const QByteArray& name, bool value)
    {
        const SANE_Option_Descriptor* d = nullptr;
        const int index = find(name, &d);
        if (index < 0 || d->type != SANE_TYPE_BOOL)
            return false;
        SANE_Bool b = value ? SANE_TRUE : SANE_FALSE;
        SANE_Int info = 0;
        return sane_control_option(m_handle, index, SANE_ACTION_SET_VALUE, &b, &info) == SANE_STATUS_GOOD;
    }

    // A device option given as text: converted by the option's type.
    bool setText(const QByteArray& name, const QString& value)
    {
        const SANE_Option_Descriptor* d = nullptr;
        if (find(name, &d) < 0)
            return false;
        switch (d->type) {
        case SANE_TYPE_BOOL: {
            const QString v = value.toLower();
            return setBool(
                name, v == QLatin1String("yes") || v == QLatin1String("true") || v == QLatin1String("1"));
        }
        case SANE_TYPE_INT:
        case SANE_TYPE_FIXED: {
            bool ok = false;
            const double number = value.toDouble(&ok);
            return ok && setNumber(name, number);
        }
        case SANE_TYPE_STRING:
            return setString(name, value);
        default:
            return false;
        }
    }

    // The current value of a numeric option (after the backend clamped or rounded it), or `fallback`.
    [[nodiscard]] double number(const QByteArray& name, double fallback) const
    {
        const SANE_Option_Descriptor* d = nullptr;
        const int index = find(name, &d);
        if (index < 0 || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED)
            || d->size < SANE_Int(sizeof(SANE_Word)))
            return fallback;
        QVector<SANE_Word> words(std::max<SANE_Int>(1, d->size / SANE_Int(sizeof(SANE_Word))), 0);
        if (sane_control_option(m_handle, index, SANE_ACTION_GET_VALUE, words.data(), nullptr)
            != SANE_STATUS_GOOD)
            return fallback;
        return d->type == SANE_TYPE_FIXED ? SANE_UNFIX(words.first()) : double(words.first());
    }

    [[nodiscard]] bool isMillimetres(const QByteArray& name) const
    {
        const SANE_Option_Descriptor* d = nullptr;
        return find(name, &d) >= 0 && d->unit == SANE_UNIT_MM;
    }

private:
    SANE_Handle m_handle;
};

ScanFrame::Kind frameKind(SANE_Frame format)
{
    switch (format) {
    case SANE_FRAME_GRAY:
        return ScanFrame::Kind::Gray;
    case SANE_FRAME_RGB:
        return ScanFrame::Kind::Rgb;
    case SANE_FRAME_RED:
        return ScanFrame::Kind::Red;
    case SANE_FRAME_GREEN:
        return ScanFrame::Kind::Green;
    case SANE_FRAME_BLUE:
        return ScanFrame::Kind::Blue;
    }
    return ScanFrame::Kind::Gray;
}

} // namespace

SaneScanner::SaneScanner()
{
    const std::lock_guard lock(saneMutex());
    if (g_references++ == 0) {
        SANE_Int version = 0;
        g_initialised = sane_init(&version, nullptr) == SANE_STATUS_GOOD;
    }
    m_initialised = g_initialised;
}

SaneScanner::~SaneScanner()
{
    const std::lock_guard lock(saneMutex());
    closePending();
    if (--g_references == 0 && g_initialised) {
        sane_exit();
        g_initialised = false;
    }
}

void SaneScanner::closePending()
{
    if (m_pendingClose)
        HandleCloser()(std::exchange(m_pendingClose, nullptr));
}

DocumentResult<QList<ScanDevice>> SaneScanner::devices()
{
    const std::lock_guard lock(saneMutex());
    closePending();
    if (!m_initialised)
        return DocumentError {DocumentStatus::NoScanner, QStringLiteral("sane_init failed")};
    const SANE_Device** list = nullptr;
    if (const SANE_Status status = sane_get_devices(&list, SANE_FALSE); status != SANE_STATUS_GOOD)
        return saneError(status, "sane_get_devices");
    QList<ScanDevice> result;
    for (const SANE_Device** d = list; d && *d; ++d) {
        result.append({QString::fromUtf8((*d)->name), QString::fromUtf8((*d)->vendor),
            QString::fromUtf8((*d)->model), QString::fromUtf8((*d)->type)});
    }
    return result;
}

DocumentResult<int> SaneScanner::scanFrames(const ScanOptions& options, const std::atomic_bool* cancel,
    const ProgressCallback& progress, const FrameSink& sink)
{
    auto report = [&progress](int percent) {
        if (progress)
            progress(std::clamp(percent, 0, 100));
    };
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    const std::lock_guard lock(saneMutex());
    closePending();
    if (!m_initialised)
        return DocumentError {DocumentStatus::NoScanner, QStringLiteral("sane_init failed")};
    if (cancelled())
        return DocumentError {DocumentStatus::Cancelled, {}};
    report(0);

    QByteArray name = options.device.toUtf8();
    if (name.isEmpty()) {
        const SANE_Device** list = nullptr;
        if (sane_get_devices(&list, SANE_FALSE) != SANE_STATUS_GOOD || !list || !list[0])
            return DocumentError {DocumentStatus::NoScanner, QStringLiteral("no SANE device")};
        name = QByteArray(list[0]->name);
    }

    SANE_Handle raw = nullptr;
    if (const SANE_Status status = sane_open(name.constData(), &raw); status != SANE_STATUS_GOOD) {
        // SANE_STATUS_INVAL is "no such device" at open (sane.h).
        if (status == SANE_STATUS_INVAL)
            return DocumentError {DocumentStatus::NoScanner, QStringLiteral("sane_open: no such device")};
        return saneError(status, "sane_open");
    }
    Handle handle(raw);
    // Declared after `handle`, so it runs first: with deferred close the handle outlives this call.
    const auto defer = qScopeGuard([this, &handle] {
        if (m_deferClose)
            m_pendingClose = handle.release();
    });

    Options device(raw);
    switch (options.mode) {
    case ScanColorMode::Color:
        device.setString(SANE_NAME_SCAN_MODE, QStringLiteral("Color"),
            {QStringLiteral("color"), QStringLiteral("colour")});
        break;
    case ScanColorMode::Gray:
        device.setString(
            SANE_NAME_SCAN_MODE, QStringLiteral("Gray"), {QStringLiteral("gray"), QStringLiteral("grey")});
        break;
    case ScanColorMode::LineArt:
        device.setString(SANE_NAME_SCAN_MODE, QStringLiteral("Lineart"),
            {QStringLiteral("lineart"), QStringLiteral("binary"), QStringLiteral("black")});
        break;
    }
    if (!device.setNumber(SANE_NAME_SCAN_RESOLUTION, options.resolutionDpi)) {
        device.setNumber(SANE_NAME_SCAN_X_RESOLUTION, options.resolutionDpi);
        device.setNumber(SANE_NAME_SCAN_Y_RESOLUTION, options.resolutionDpi);
    }
    // The area: top-left first, so that the bottom-right is never constrained by an old top-left.
    if (device.isMillimetres(SANE_NAME_SCAN_BR_X)) {
        device.setNumber(SANE_NAME_SCAN_TL_X, 0);
        device.setNumber(SANE_NAME_SCAN_TL_Y, 0);
        device.setNumber(SANE_NAME_SCAN_BR_X, options.areaMm.width());
        device.setNumber(SANE_NAME_SCAN_BR_Y, options.areaMm.height());
    }
    for (const auto& [option, value] : options.deviceOptions)
        device.setText(option.toUtf8(), value);

    if (const SANE_Status status = sane_start(raw); status != SANE_STATUS_GOOD)
        return saneError(status, "sane_start");

    int frames = 0;
    qint64 total = 0;
    SANE_Parameters parameters {};
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    while (true) {
        if (const SANE_Status status = sane_get_parameters(raw, &parameters); status != SANE_STATUS_GOOD)
            return saneError(status, "sane_get_parameters");
        // A hand scanner does not know its height (lines == -1): read until EOF and count afterwards.
        const qint64 expected
            = parameters.lines > 0 ? qint64(parameters.lines) * parameters.bytes_per_line : -1;
        if (expected > maxScanBytes)
            return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("page too large")};
        sink.frame({frameKind(parameters.format), parameters.depth, parameters.pixels_per_line,
            parameters.bytes_per_line, parameters.lines, parameters.last_frame == SANE_TRUE});
        qint64 read = 0;
        while (true) {
            if (cancelled())
                return DocumentError {DocumentStatus::Cancelled, {}}; // Handle's deleter calls sane_cancel
            SANE_Int length = 0;
            const SANE_Status status
                = sane_read(raw, reinterpret_cast<SANE_Byte*>(chunk.data()), SANE_Int(chunk.size()), &length);
            if (status == SANE_STATUS_EOF)
                break;
            if (status != SANE_STATUS_GOOD)
                return saneError(status, "sane_read");
            read += length;
            total += length;
            if (total > maxScanBytes)
                return DocumentError {DocumentStatus::ScanFailed, QStringLiteral("page too large")};
            sink.data(chunk.constData(), length);
            if (expected > 0) {
                const int pass = frames;
                const int passes = parameters.last_frame ? pass + 1 : 3;
                report(int((pass * 100 + std::min(read, expected) * 100 / expected) / passes));
            }
            // The last frame is complete: its end-of-file read is left out. At that read, backends with a
            // reader thread (sanei_thread, SANE's test backend among them) cancel the thread while it may
            // still be on its way out, and it can wait for ever on a C library lock (seen: glibc's arena lock
            // in __libc_thread_freeres) — the hang the scan helper exists for. The SANE standard lets a
            // frontend end a scan with sane_cancel at any time; with deferred close that happens after the
            // answer (certdesk-scan-helper), where a hang costs only the helper's own watchdog.
            if (parameters.last_frame && expected > 0 && read >= expected)
                break;
        }
        ++frames;
        if (parameters.last_frame || frames >= 3)
            break;
        if (const SANE_Status status = sane_start(raw); status != SANE_STATUS_GOOD)
            return saneError(status, "sane_start (next frame)");
    }

    const double dpi = device.number(SANE_NAME_SCAN_RESOLUTION, options.resolutionDpi);
    return int(std::lround((dpi > 0 ? dpi : options.resolutionDpi) / 0.0254));
}

} // namespace certdesk::documents
