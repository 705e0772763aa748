#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context, source;
};

// Messages of a .ts file whose translation is missing or marked unfinished.
QList<Message> untranslated(const QString& tsPath, QString* error)
{
    QList<Message> out;
    QFile f(tsPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished
                = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (unfinished || text.trimmed().isEmpty())
                out.append({context, source});
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

// Chinese text takes full-width ，：；（） (GB/T 15834-2011, 标点符号用法): a half-width , : ; ( ) next to a
// CJK character (spaces between ignored) is reported as "context | translation". Kept half-width: a Qt
// file-dialog filter "名称 (*.jpg *.png)" at the end of a text, which Qt only parses with ASCII parentheses.
QStringList halfWidthPunctuation(const QString& tsPath, QString* error)
{
    QStringList out;
    QFile f(tsPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    static const QRegularExpression cjk(
        QStringLiteral("[\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}\\x{3000}-\\x{303f}\\x{ff00}-\\x{ffef}]"));
    static const QRegularExpression filter(QStringLiteral("\\((\\*|%\\d)[^()]*\\)\\s*$"));
    const auto isCjk = [](QChar c) { return cjk.match(QString(c)).hasMatch(); };
    QXmlStreamReader xml(&f);
    QString context;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
            continue;
        }
        if (xml.name() == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            continue;
        }
        if (xml.name() != QLatin1String("translation") && xml.name() != QLatin1String("numerusform"))
            continue;
        // A plural message's <translation> holds <numerusform>s, each read on its own.
        if (xml.name() == QLatin1String("translation") && numerus)
            continue;
        const QString text = xml.readElementText();
        const QRegularExpressionMatch kept = filter.match(text);
        const qsizetype keptFrom = kept.hasMatch() ? kept.capturedStart() : text.size();
        for (qsizetype i = 0; i < keptFrom; ++i) {
            if (!QStringLiteral(",:;()").contains(text.at(i)))
                continue;
            qsizetype before = i - 1;
            while (before >= 0 && text.at(before) == QLatin1Char(' '))
                --before;
            qsizetype after = i + 1;
            while (after < text.size() && text.at(after) == QLatin1Char(' '))
                ++after;
            if ((before >= 0 && isCjk(text.at(before))) || (after < text.size() && isCjk(text.at(after)))) {
                out.append(context + QStringLiteral(" | ") + text);
                break;
            }
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QStringList sources()
{
    QFile f(QStringLiteral(SOURCES_LIST));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullWidthPunctuationInChineseText()
    {
        QString error;
        const QStringList bad = halfWidthPunctuation(QStringLiteral(TS_ZH_CN), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(bad.isEmpty(),
            qPrintable(
                QStringLiteral("half-width punctuation in Chinese text:\n") + bad.join(QLatin1Char('\n'))));
    }

    void catalogueCoversEverySourceString()
    {
        // Run lupdate over the current sources into a copy of the committed catalogue: any string the
        // catalogue lacks comes back as unfinished.
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("check_zh_CN.ts"));
        QVERIFY(QFile::copy(QStringLiteral(TS_ZH_CN), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QStringList args = sources();
        QVERIFY(!args.isEmpty());
        // The same include paths as the update_translations target, so namespaces resolve to the same
        // contexts.
        for (const char* dir : {"/core", "/ui"})
            args << QStringLiteral("-I") + QStringLiteral(SOURCE_DIR) + QLatin1String(dir);
        args << QStringLiteral("-no-obsolete") << QStringLiteral("-locations") << QStringLiteral("none")
             << QStringLiteral("-silent") << QStringLiteral("-ts") << copy;
        QProcess lupdate;
        lupdate.start(QStringLiteral(LUPDATE_EXECUTABLE), args);
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        QString error;
        const QList<Message> missing = untranslated(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList lines;
        for (const Message& m : missing)
            lines << m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(missing.isEmpty(),
            qPrintable(
                QStringLiteral("%1 untranslated:\n").arg(missing.size()) + lines.join(QLatin1Char('\n'))));
    }

    void messagesSendingToTheCaNameTheHotline()
    {
        // A message that sends the person to the CA gives the way to reach it (the hotline,
        // domain/CaContact), never just "contact the CA".
        static const QRegularExpression toTheCa(
            QStringLiteral("联系\\s*CA|CA\\s*(客服|服务柜台|服务网点)|联系客服"));
        QFile f(QStringLiteral(TS_ZH_CN));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QStringList bad;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()
                || (xml.name() != QLatin1String("translation") && xml.name() != QLatin1String("numerusform")))
                continue;
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (toTheCa.match(text).hasMatch() && !text.contains(QStringLiteral("热线")))
                bad << text;
        }
        QVERIFY(!xml.hasError());
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void noChineseStringLiteralsInSources()
    {
        // A string literal containing CJK ideographs; // comments are removed first (they may name the
        // Chinese terms a piece of code implements).
        static const QRegularExpression literal(
            QStringLiteral(R"("(?:[^"\\\n]|\\.)*[\x{3400}-\x{9FFF}\x{FF00}-\x{FFEF}](?:[^"\\\n]|\\.)*")"));
        static const QRegularExpression lineComment(
            QStringLiteral(R"(//.*$)"), QRegularExpression::MultilineOption);
        QStringList offenders;
        for (const QString& path : sources()) {
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            QString text = QString::fromUtf8(f.readAll());
            text.remove(lineComment);
            auto it = literal.globalMatch(text);
            while (it.hasNext())
                offenders << path + QStringLiteral(": ") + it.next().captured(0);
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
