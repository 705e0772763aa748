#include "platform/ModuleLocations.h"

#include "platform/ModuleLibrary.h"

namespace certdesk::platform {

namespace {

// Joins Windows path parts with single backslashes.
QString joinWindows(QString directory, const QString& name)
{
    directory.replace(QLatin1Char('/'), QLatin1Char('\\'));
    while (directory.endsWith(QLatin1Char('\\')))
        directory.chop(1);
    QString tail = name;
    tail.replace(QLatin1Char('/'), QLatin1Char('\\'));
    while (tail.startsWith(QLatin1Char('\\')))
        tail.remove(0, 1);
    return tail.isEmpty() ? directory : directory + QLatin1Char('\\') + tail;
}

} // namespace

Environment processEnvironment()
{
    return [](const QString& name) -> std::optional<QString> {
        const QByteArray key = name.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(key.constData()))
            return std::nullopt;
        return qEnvironmentVariable(key.constData());
    };
}

std::optional<QString> expandEnvironment(const QString& text, const Environment& environment)
{
    QString out;
    qsizetype at = 0;
    while (at < text.size()) {
        const qsizetype open = text.indexOf(QLatin1Char('%'), at);
        if (open < 0) {
            out += text.mid(at);
            break;
        }
        const qsizetype close = text.indexOf(QLatin1Char('%'), open + 1);
        if (close < 0)
            return std::nullopt; // an unterminated reference
        out += text.mid(at, open - at);
        const QString name = text.mid(open + 1, close - open - 1);
        if (name.isEmpty()) {
            out += QLatin1Char('%'); // "%%" is a literal percent sign
        } else {
            const std::optional<QString> value = environment(name);
            if (!value || value->isEmpty())
                return std::nullopt;
            out += *value;
        }
        at = close + 1;
    }
    return out;
}

QStringList moduleCandidates(
    const ModuleLocationRule& rule, const Registry& registry, const Environment& environment)
{
    QStringList candidates;
    const auto add = [&](const QString& directory) {
        if (directory.isEmpty() || rule.fileName.isEmpty())
            return;
        const QString path = joinWindows(directory, rule.fileName);
        if (!moduleLoadRefusal(path, PathStyle::Windows).isEmpty())
            return;
        for (const QString& known : std::as_const(candidates))
            if (known.compare(path, Qt::CaseInsensitive) == 0)
                return;
        candidates.append(path);
    };
    for (const RegistryLocation& location : rule.registry) {
        std::optional<QString> value = registry.stringValue(location.key, location.value);
        if (!value)
            continue;
        QString directory = value->trimmed();
        if (directory.size() >= 2 && directory.startsWith(QLatin1Char('"'))
            && directory.endsWith(QLatin1Char('"')))
            directory = directory.mid(1, directory.size() - 2);
        directory.replace(QLatin1Char('/'), QLatin1Char('\\'));
        if (location.valueIsFile) {
            const qsizetype slash = directory.lastIndexOf(QLatin1Char('\\'));
            if (slash <= 0)
                continue;
            directory.truncate(slash);
        }
        add(location.subdirectory.isEmpty() ? directory : joinWindows(directory, location.subdirectory));
    }
    for (const QString& directory : rule.directories) {
        if (const std::optional<QString> expanded = expandEnvironment(directory, environment))
            add(*expanded);
    }
    if (const std::optional<QString> system
        = expandEnvironment(QStringLiteral("%SystemRoot%\\System32"), environment))
        add(*system);
    return candidates;
}

} // namespace certdesk::platform
