#include "domain/RegionModel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QStringList>
#include <QtGlobal>

#include <algorithm>
#include <utility>

namespace certdesk {

namespace {

constexpr QLatin1StringView kResourcePath(":/certdesk/regions/regions.json");

bool isSixDigits(const QString& code)
{
    return code.size() == 6 && std::all_of(code.cbegin(), code.cend(), [](QChar c) {
        return c >= QLatin1Char('0') && c <= QLatin1Char('9');
    });
}

// GB/T 2260 gives the four municipalities (北京 11, 天津 12, 上海 31, 重庆 50) a pseudo city level ("市辖区"
// XX01, "县" XX02), and provinces a pseudo city "省(自治区)直辖县级行政区划" XX90 for county-level units they
// govern directly. Those levels exist so codes nest; they are not part of a postal address, so fullName()
// leaves them out. Detected by code, not by name, so no display names are hard-coded here.
bool isPseudoCity(const QString& cityCode)
{
    const QStringView province = QStringView(cityCode).left(2);
    const bool municipality
        = province == u"11" || province == u"12" || province == u"31" || province == u"50";
    return municipality || QStringView(cityCode).mid(2, 2) == u"90";
}

// Parse context: records the first problem with a JSON-path-like location ("provinces[3].cities[1]"). The
// location is built only on failure: the built-in file has ~3,200 entries and builtin() should stay fast.
struct Parser
{
    QString error;
    qsizetype province = -1;
    qsizetype city = -1;
    qsizetype county = -1;

    bool fail(const QString& what)
    {
        QString where;
        if (province >= 0)
            where += QStringLiteral("provinces[%1]").arg(province);
        if (city >= 0)
            where += QStringLiteral(".cities[%1]").arg(city);
        if (county >= 0)
            where += QStringLiteral(".counties[%1]").arg(county);
        error = where.isEmpty() ? what : where + QStringLiteral(": ") + what;
        return false;
    }

    // Reads {"code": "...", "name": "..."} from an array element; code must be six digits and name non-empty.
    bool readEntry(const QJsonValue& value, QString* code, QString* name)
    {
        if (!value.isObject())
            return fail(QStringLiteral("expected an object"));
        const QJsonObject object = value.toObject();
        const QJsonValue codeValue = object.value(QLatin1StringView("code"));
        const QJsonValue nameValue = object.value(QLatin1StringView("name"));
        if (!codeValue.isString())
            return fail(QStringLiteral("\"code\" must be a string"));
        if (!nameValue.isString() || nameValue.toString().trimmed().isEmpty())
            return fail(QStringLiteral("\"name\" must be a non-empty string"));
        *code = codeValue.toString();
        *name = nameValue.toString();
        if (!isSixDigits(*code))
            return fail(QStringLiteral("code \"%1\" is not 6 digits").arg(*code));
        return true;
    }

    bool readArray(const QJsonObject& object, QLatin1StringView key, QJsonArray* out)
    {
        const QJsonValue value = object.value(key);
        if (!value.isArray())
            return fail(QStringLiteral("\"%1\" must be an array").arg(key));
        *out = value.toArray();
        if (out->isEmpty())
            return fail(QStringLiteral("\"%1\" is empty").arg(key));
        return true;
    }
};

} // namespace

const RegionModel& RegionModel::builtin()
{
    // Function-local static: initialised exactly once, thread-safe since C++11.
    static const RegionModel model = [] {
        QFile file(kResourcePath);
        if (!file.open(QIODevice::ReadOnly))
            qFatal(
                "certdesk: built-in region data %s is missing; the certdesk_domain resource was not linked "
                "(resources/regions/regions.json, regenerate with tools/regions)",
                qPrintable(QString(kResourcePath)));
        QString error;
        std::optional<RegionModel> parsed = fromJson(file.readAll(), &error);
        if (!parsed)
            qFatal("certdesk: built-in region data is malformed: %s", qPrintable(error));
        return std::move(*parsed);
    }();
    return model;
}

std::optional<RegionModel> RegionModel::fromJson(const QByteArray& json, QString* error)
{
    Parser p;
    RegionModel model;
    const auto failed = [&]() -> std::optional<RegionModel> {
        if (error)
            *error = p.error;
        return std::nullopt;
    };

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        p.fail(QStringLiteral("not valid JSON at offset %1: %2")
                   .arg(parseError.offset)
                   .arg(parseError.errorString()));
        return failed();
    }
    if (!doc.isObject()) {
        p.fail(QStringLiteral("top level must be an object"));
        return failed();
    }
    const QJsonObject root = doc.object();
    const QJsonValue source = root.value(QLatin1StringView("source"));
    if (!source.isString()) {
        p.fail(QStringLiteral("\"source\" must be a string"));
        return failed();
    }
    model.m_source = source.toString();

    QJsonArray provinces;
    if (!p.readArray(root, QLatin1StringView("provinces"), &provinces))
        return failed();

    const auto duplicate = [&](const QString& code) {
        if (!model.m_nodes.contains(code))
            return false;
        p.fail(QStringLiteral("code %1 appears twice").arg(code));
        return true;
    };

    model.m_nodes.reserve(4096);
    for (qsizetype pi = 0; pi < provinces.size(); ++pi) {
        p.province = pi;
        p.city = p.county = -1;
        QString pCode, pName;
        if (!p.readEntry(provinces.at(pi), &pCode, &pName))
            return failed();
        if (!pCode.endsWith(QLatin1StringView("0000"))) {
            p.fail(QStringLiteral("province code %1 does not end in 0000").arg(pCode));
            return failed();
        }
        if (duplicate(pCode))
            return failed();
        Node& province = model.m_nodes[pCode];
        province.name = pName;
        province.level = Level::Province;
        model.m_provinces.append(pCode);

        QJsonArray cities;
        if (!p.readArray(provinces.at(pi).toObject(), QLatin1StringView("cities"), &cities))
            return failed();
        for (qsizetype ci = 0; ci < cities.size(); ++ci) {
            p.city = ci;
            p.county = -1;
            QString cCode, cName;
            if (!p.readEntry(cities.at(ci), &cCode, &cName))
                return failed();
            if (!cCode.startsWith(QStringView(pCode).left(2)) || !cCode.endsWith(QLatin1StringView("00"))
                || cCode.endsWith(QLatin1StringView("0000"))) {
                p.fail(QStringLiteral("city code %1 is not a city of province %2").arg(cCode, pCode));
                return failed();
            }
            if (duplicate(cCode))
                return failed();
            // References into a QHash are invalidated by inserts, so nodes are looked up again when needed.
            model.m_nodes[pCode].children.append(cCode);
            {
                Node& city = model.m_nodes[cCode];
                city.name = cName;
                city.parent = pCode;
                city.level = Level::City;
            }

            QJsonArray counties;
            if (!p.readArray(cities.at(ci).toObject(), QLatin1StringView("counties"), &counties))
                return failed();
            for (qsizetype ki = 0; ki < counties.size(); ++ki) {
                p.county = ki;
                QString kCode, kName;
                if (!p.readEntry(counties.at(ki), &kCode, &kName))
                    return failed();
                // A prefecture city without a county level (东莞 441900, 中山 442000, ...) lists itself as
                // its only county: GB/T 2260 has no county code there and the postal system uses the city
                // code. It shares the city's node; the city's children list then holds the city's own code.
                if (kCode == cCode) {
                    if (counties.size() != 1) {
                        p.fail(QStringLiteral("city %1 lists itself as a county next to other counties")
                                   .arg(cCode));
                        return failed();
                    }
                    model.m_nodes[cCode].children.append(cCode);
                    ++model.m_counties;
                    continue;
                }
                // 省直辖县级 counties (429004 under the pseudo city 429000) share its first four digits too,
                // so one rule covers them.
                if (!kCode.startsWith(QStringView(cCode).left(4))
                    || kCode.endsWith(QLatin1StringView("00"))) {
                    p.fail(QStringLiteral("county code %1 is not a county of city %2").arg(kCode, cCode));
                    return failed();
                }
                if (duplicate(kCode))
                    return failed();
                model.m_nodes[cCode].children.append(kCode);
                Node& county = model.m_nodes[kCode];
                county.name = kName;
                county.parent = cCode;
                county.level = Level::County;
                ++model.m_counties;
            }
        }
    }

    // The format asks for code order; sort anyway so children() keeps its promise for hand-written input.
    std::sort(model.m_provinces.begin(), model.m_provinces.end());
    for (Node& node : model.m_nodes)
        std::sort(node.children.begin(), node.children.end());
    return model;
}

QList<Region> RegionModel::provinces() const
{
    QList<Region> result;
    result.reserve(m_provinces.size());
    for (const QString& code : m_provinces)
        result.append(Region {code, m_nodes.value(code).name});
    return result;
}

QList<Region> RegionModel::children(const QString& code) const
{
    const auto it = m_nodes.constFind(code);
    if (it == m_nodes.cend())
        return {};
    QList<Region> result;
    result.reserve(it->children.size());
    for (const QString& child : it->children)
        result.append(Region {child, m_nodes.value(child).name});
    return result;
}

bool RegionModel::contains(const QString& code) const
{
    return m_nodes.contains(code);
}

std::optional<RegionModel::Level> RegionModel::level(const QString& code) const
{
    // A city that is its own county (东莞 441900) reports City: that is what it is in GB/T 2260.
    const auto it = m_nodes.constFind(code);
    if (it == m_nodes.cend())
        return std::nullopt;
    return it->level;
}

QString RegionModel::name(const QString& code) const
{
    const auto it = m_nodes.constFind(code);
    return it == m_nodes.cend() ? QString() : it->name;
}

QString RegionModel::fullName(const QString& code) const
{
    const auto it = m_nodes.constFind(code);
    if (it == m_nodes.cend())
        return {};
    QStringList parts {it->name};
    for (auto up = m_nodes.constFind(it->parent); up != m_nodes.cend(); up = m_nodes.constFind(up->parent)) {
        if (up->level != Level::City || !isPseudoCity(up.key()))
            parts.prepend(up->name);
    }
    // A pseudo city on its own ("北京市 市辖区") reads as its municipality.
    if (it->level == Level::City && isPseudoCity(code))
        parts.removeLast();
    return parts.join(QLatin1Char(' '));
}

bool RegionModel::nests(const QString& province, const QString& city, const QString& county) const
{
    const auto p = m_nodes.constFind(province);
    const auto c = m_nodes.constFind(city);
    if (p == m_nodes.cend() || c == m_nodes.cend() || p->level != Level::Province || c->level != Level::City
        || c->parent != province)
        return false;
    if (county == city) // the city is its own county only where it lists itself
        return c->children.size() == 1 && c->children.first() == city;
    const auto k = m_nodes.constFind(county);
    return k != m_nodes.cend() && k->level == Level::County && k->parent == city;
}

int RegionModel::countyCount() const
{
    return m_counties;
}

QString RegionModel::sourceDescription() const
{
    return m_source;
}

} // namespace certdesk
