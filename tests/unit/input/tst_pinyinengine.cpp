// The pinyin engine of this build (librime with luna_pinyin_simp): real Rime data from the distribution,
// deployed into a temporary folder.
#include "input/PinyinEngine.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace certdesk;

class TestPinyinEngine : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<input::PinyinEngine> m_engine;

    void type(const char* letters)
    {
        for (const char* p = letters; *p; ++p)
            QVERIFY(m_engine->typeLetter(QLatin1Char(*p)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!input::hasPinyinEngine())
            QSKIP("this build has no pinyin engine (librime not found)");
        qputenv("CERTDESK_RIME_USER_DIR", m_dir.filePath(QStringLiteral("rime")).toLocal8Bit());
        qint64 ms = -1;
        const QString error = input::preparePinyinEngine(&ms);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("first deployment into an empty folder: %lld ms", ms);
        QVERIFY(ms >= 0);
    }

    void init()
    {
        m_engine = input::createPinyinEngine();
        QVERIFY(m_engine);
    }

    void simplifiedCandidates()
    {
        type("zhang");
        const auto c = m_engine->composition();
        QVERIFY(c.isComposing());
        QCOMPARE(c.preedit, QStringLiteral("zhang"));
        QVERIFY(c.candidates.size() >= 2);
        QVERIFY(c.candidates.size() <= 6);
        QCOMPARE(c.candidates.first(), QStringLiteral("张"));
        // Simplified output: 长 (not 長), 涨 (not 漲).
        QVERIFY(c.candidates.contains(QStringLiteral("长")) || c.candidates.contains(QStringLiteral("涨")));
        for (const QString& t : c.candidates)
            QVERIFY2(t != QStringLiteral("張") && t != QStringLiteral("長"), qPrintable(t));
        QCOMPARE(m_engine->select(0), QStringLiteral("张"));
        QVERIFY(!m_engine->composition().isComposing());
    }

    void phraseAndPartialSelection()
    {
        type("guojia");
        QCOMPARE(m_engine->composition().candidates.first(), QStringLiteral("国家"));
        // Choosing a single-syllable candidate leaves the rest to compose.
        const auto c = m_engine->composition();
        const int guo = int(c.candidates.indexOf(QStringLiteral("国")));
        if (guo >= 0) {
            QCOMPARE(m_engine->select(guo), QString());
            QVERIFY(m_engine->composition().isComposing());
            QCOMPARE(m_engine->select(m_engine->composition().candidates.indexOf(QStringLiteral("家"))),
                QStringLiteral("国家"));
        }
    }

    void backspaceAndLetters()
    {
        QVERIFY(!m_engine->backspace()); // nothing composing: the field deletes
        type("lix");
        QVERIFY(m_engine->backspace());
        QCOMPARE(m_engine->composition().preedit, QStringLiteral("li"));
        QCOMPARE(m_engine->commitLetters(), QStringLiteral("li"));
        QVERIFY(!m_engine->composition().isComposing());
        QVERIFY(!m_engine->typeLetter(QLatin1Char('1')));
    }

    void paging()
    {
        type("shi");
        const auto first = m_engine->composition();
        QCOMPARE(first.page, 0);
        QVERIFY(!first.lastPage);
        m_engine->nextPage();
        const auto second = m_engine->composition();
        QCOMPARE(second.page, 1);
        QVERIFY(second.candidates != first.candidates);
        m_engine->previousPage();
        QCOMPARE(m_engine->composition().candidates, first.candidates);
        m_engine->clear();
        QVERIFY(!m_engine->composition().isComposing());
    }

    // Nothing typed is learnt: a name chosen once is not promoted for the next person.
    void learnsNothing()
    {
        type("zhang");
        const QStringList before = m_engine->composition().candidates;
        const int last = int(before.size()) - 1;
        const QString rare = before.at(last);
        QCOMPARE(m_engine->select(last), rare);
        auto fresh = input::createPinyinEngine();
        for (const char* p = "zhang"; *p; ++p)
            fresh->typeLetter(QLatin1Char(*p));
        QCOMPARE(fresh->composition().candidates, before);
    }
};

QTEST_GUILESS_MAIN(TestPinyinEngine)
#include "tst_pinyinengine.moc"
