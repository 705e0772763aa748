#pragma once

#include <QFile>
#include <QHash>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace certdesk::test {

// Serves the translations of translations/pending/<area>.tsv (context<TAB>source<TAB>translation), which the
// lead merges into certdesk_zh_CN.ts later. Installed next to the built-in catalogue, so the tests see
// Chinese before and after the merge. Numerus sources map to one form (Chinese has no plural).
class PendingTranslator : public QTranslator
{
public:
    [[nodiscard]] bool loadTsv(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return false;
        while (!file.atEnd()) {
            QString line = QString::fromUtf8(file.readLine());
            while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
                line.chop(1);
            if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList parts = line.split(QLatin1Char('\t'));
            if (parts.size() != 3)
                return false;
            m_table.insert({unescape(parts[0]), unescape(parts[1])}, unescape(parts[2]));
        }
        return !m_table.isEmpty();
    }

    [[nodiscard]] bool isEmpty() const override { return m_table.isEmpty(); }

    [[nodiscard]] QString translate(
        const char* context, const char* sourceText, const char* /*disambiguation*/, int n) const override
    {
        QString text = m_table.value({QString::fromUtf8(context), QString::fromUtf8(sourceText)});
        if (n >= 0)
            text.replace(QStringLiteral("%n"), QString::number(n));
        return text;
    }

private:
    static QString unescape(QString s)
    {
        return s.replace(QStringLiteral("\\t"), QStringLiteral("\t"))
            .replace(QStringLiteral("\\n"), QStringLiteral("\n"));
    }

    QHash<QPair<QString, QString>, QString> m_table;
};

} // namespace certdesk::test
