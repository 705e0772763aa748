#include "domain/Application.h"
#include "domain/RegionModel.h"
#include "domain/Validators.h"

#include "TestEnvironment.h"

#include <QSet>
#include <QTest>

using namespace certdesk;

namespace {

// Fixed "today" for every date rule: the test must not change its verdicts as time passes.
const QDate kToday(2025, 7, 10);

// Valid codes, computed with an independent implementation of GB 11643 / GB 32100 (a Python script) or
// published by the registries; see the comments at each table.
const QString kValidId = QStringLiteral("11010519491231002X"); // GB 11643-1999's own example
const QString kValidUscc = QStringLiteral("91440300708461136T"); // 深圳市腾讯计算机系统有限公司

// Small region fixture so the test does not depend on the real GB/T 2260 data set.
const QByteArray kRegions = R"({"source": "test fixture", "provinces": [
  {"code": "440000", "name": "广东省", "cities": [
    {"code": "440300", "name": "深圳市", "counties": [
      {"code": "440304", "name": "福田区"}, {"code": "440305", "name": "南山区"}]},
    {"code": "440100", "name": "广州市", "counties": [{"code": "440106", "name": "天河区"}]}]},
  {"code": "110000", "name": "北京市", "cities": [
    {"code": "110100", "name": "市辖区", "counties": [{"code": "110105", "name": "朝阳区"}]}]}]})";

// An empty expected code means "valid".
void verifyResult(
    const validators::Result& result, const QString& expectedCode, const QString& messagePart = {})
{
    if (expectedCode.isEmpty()) {
        QVERIFY2(
            !result, qPrintable(result ? result->code + QStringLiteral(": ") + result->message : QString()));
        return;
    }
    QVERIFY2(result.has_value(), "accepted, but should be rejected");
    QCOMPARE(result->code, expectedCode);
    QVERIFY(result->field.isEmpty());
    QVERIFY(!result->message.trimmed().isEmpty());
    if (!messagePart.isEmpty())
        QVERIFY2(result->message.contains(messagePart), qPrintable(result->message));
}

void addColumns()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
}

void row(const char* name, const QString& input, const char* code = "", const QString& messagePart = {})
{
    QTest::newRow(name) << input << QString::fromLatin1(code) << messagePart;
}

Application validInstitution()
{
    Application app;
    app.serial = QStringLiteral("0A1B2C3D4E5F");
    app.category = CertificateCategory::Institution;
    app.years = 2;
    app.acknowledgements.agreement = true;
    app.acknowledgements.oldCertificateRevocation = true;
    app.organization.name = QStringLiteral("深圳市腾讯计算机系统有限公司");
    app.organization.credentialNumber = kValidUscc;
    app.organization.address = QStringLiteral("深圳市南山区粤海街道科技中一路腾讯大厦");
    app.agent.name = QStringLiteral("张三");
    app.agent.idNumber = kValidId;
    app.agent.mobile = QStringLiteral("13812345678");
    app.agent.email = QStringLiteral("zhangsan@example.com");
    app.bank.accountName = QStringLiteral("深圳市腾讯计算机系统有限公司");
    app.bank.bankCode = QStringLiteral("102");
    app.bank.bankName = QStringLiteral("中国工商银行");
    app.bank.accountNumber = QStringLiteral("4000021309200012345");
    app.mailing.provinceCode = QStringLiteral("440000");
    app.mailing.cityCode = QStringLiteral("440300");
    app.mailing.countyCode = QStringLiteral("440305");
    app.mailing.address = QStringLiteral("深圳市南山区科技中一路腾讯大厦");
    app.invoice = InvoiceKind::Electronic;
    return app;
}

Application validNaturalPerson()
{
    Application app;
    app.serial = QStringLiteral("01:23:45:67:89:AB");
    app.category = CertificateCategory::NaturalPerson;
    app.years = 1;
    app.acknowledgements.agreement = true;
    app.acknowledgements.oldCertificateRevocation = true;
    app.applicant.name = QStringLiteral("阿依古丽·买买提");
    app.applicant.idNumber = QStringLiteral("650102197511302547");
    app.applicant.mobile = QStringLiteral("19912345678");
    app.applicant.email = QStringLiteral("ayguli@example.cn");
    app.mailing.provinceCode = QStringLiteral("110000");
    app.mailing.cityCode = QStringLiteral("110100");
    app.mailing.countyCode = QStringLiteral("110105");
    app.mailing.address = QStringLiteral("北京市朝阳区建国路1号");
    return app;
}

// "field:code" of every error, to compare as a set.
QSet<QString> fieldCodes(const FieldErrors& errors)
{
    QSet<QString> out;
    for (const FieldError& e : errors) {
        out.insert(e.field + QLatin1Char(':') + e.code);
    }
    return out;
}

QSet<QString> withCode(const QStringList& fields, const QString& code)
{
    QSet<QString> out;
    for (const QString& f : fields)
        out.insert(f + QLatin1Char(':') + code);
    return out;
}

} // namespace

class TestValidators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void idNumber_data();
    void idNumber();
    void unifiedSocialCreditCode_data();
    void unifiedSocialCreditCode();
    void mobile_data();
    void mobile();
    void email_data();
    void email();
    void bankAccountNumber_data();
    void bankAccountNumber();
    void personName_data();
    void personName();
    void organizationName_data();
    void organizationName();
    void address_data();
    void address();
    void certificateSerial_data();
    void certificateSerial();
    void renewalYears_data();
    void renewalYears();

    void validInstitutionHasNoErrors_data();
    void validInstitutionHasNoErrors();
    void validNaturalPersonHasNoErrors();
    void emptyInstitutionListsEveryRequiredField();
    void emptyNaturalPersonListsEveryRequiredField();
    void naturalPersonIgnoresInstitutionParts();
    void institutionIgnoresApplicant();
    void fieldErrorsCarryPaths();
    void everyProblemAtOnce();
    void yearsUseMaxYears();
    void mailingNesting_data();
    void mailingNesting();

private:
    std::optional<RegionModel> m_regions;
};

void TestValidators::initTestCase()
{
    test::fixEnvironment();
    QString error;
    m_regions = RegionModel::fromJson(kRegions, &error);
    QVERIFY2(m_regions.has_value(), qPrintable(error));
}

void TestValidators::idNumber_data()
{
    addColumns();
    // Valid: check characters computed independently (ISO 7064 MOD 11-2).
    row("GB 11643 example, check X", kValidId);
    row("check X", QStringLiteral("44030519900101123X"));
    row("check digit 8", QStringLiteral("110105194912310038"));
    row("leap day 2000", QStringLiteral("110101200002290018"));
    row("Xinjiang", QStringLiteral("650102197511302547"));
    row("Taiwan 71", QStringLiteral("710000199001010015"));
    row("Hong Kong residence permit 81", QStringLiteral("810000199001010019"));
    row("Taiwan residence permit 83", QStringLiteral("830000199001010012"));
    row("born 1900-01-01", QStringLiteral("440305190001011239"));
    row("born today", QStringLiteral("440305202507100015"));
    row("surrounding spaces trimmed", QStringLiteral("  44030519900101123X "));

    row("empty", QString(), "required");
    row("only spaces", QStringLiteral("   "), "required");
    row("15-digit legacy", QStringLiteral("440305900101123"), "legacy_15_digit", QStringLiteral("18"));
    row("17 characters", QStringLiteral("44030519900101123"), "length");
    row("19 characters", QStringLiteral("44030519900101123XX"), "length");
    row("16 digits", QStringLiteral("4403059001011230"), "length");
    row("lower-case x", QStringLiteral("44030519900101123x"), "format", QStringLiteral("upper-case X"));
    row("X in the middle", QStringLiteral("4403X5199001011238"), "format", QStringLiteral("last character"));
    row("x in the middle", QStringLiteral("4403x5199001011238"), "format", QStringLiteral("last character"));
    row("letter", QStringLiteral("A4030519900101123X"), "format");
    row("last character a letter", QStringLiteral("44030519900101123A"), "format");
    row("full-width digit", QStringLiteral("４40305199001011234"), "format");
    row("province 00", QStringLiteral("000305199001011238"), "region");
    row("province 99", QStringLiteral("990305199001011237"), "region");
    row("province 10 (the whole country)", QStringLiteral("100000199001011235"), "region");
    row("February 30", QStringLiteral("440305199002301239"), "date");
    row("month 13", QStringLiteral("440305199013011237"), "date");
    row("month and day 00", QStringLiteral("440305199000001232"), "date");
    row("1899-12-31", QStringLiteral("440305189912311234"), "date");
    row("GB 11643 example born 1880", QStringLiteral("440524188001010014"), "date");
    row("tomorrow", QStringLiteral("440305202507110010"), "date");
    row("2099", QStringLiteral("44030520991231123X"), "date");
    row("check 4 instead of X", QStringLiteral("440305199001011234"), "checksum",
        QStringLiteral("last character"));
    row("check 0 instead of X", QStringLiteral("110105194912310020"), "checksum");
    row("middle digit mistyped", QStringLiteral("11010519491231003X"), "checksum");
    row("two digits swapped", QStringLiteral("11100519491231002X"), "checksum");
}

void TestValidators::idNumber()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::idNumber(input, kToday), code, messagePart);
}

void TestValidators::unifiedSocialCreditCode_data()
{
    addColumns();
    // Published codes (verified with the algorithm), then codes generated by an independent implementation.
    row("Tencent Shenzhen", kValidUscc);
    row("Huawei", QStringLiteral("914403001922038216"));
    row("enterprise MA", QStringLiteral("91440300MA5G12343E"));
    row("central public institution 100000", QStringLiteral("121000004000011411"));
    row("central government body", QStringLiteral("11100000000013127D"));
    row("other authority Y1", QStringLiteral("Y1110105MA001234XE"));
    row("civil affairs 52", QStringLiteral("52440300MJL000016J"));
    row("cooperative 93", QStringLiteral("93510100MA6C12341X"));
    row("authority 5 type 9", QStringLiteral("594403007084611366"));
    row("authority 1 type 1", QStringLiteral("114403007084611363"));
    row("organisation check 0 (11)", QStringLiteral("91440300100000040X"));
    row("organisation check X (10)", QStringLiteral("9144030010000018XH"));
    row("MOD 31 check 0 (31)", QStringLiteral("914403001000002860"));
    row("surrounding spaces trimmed", QStringLiteral(" 91440300708461136T "));

    row("empty", QString(), "required");
    row("lower-case letter", QStringLiteral("91440300708461136t"), "format", QStringLiteral("upper-case"));
    row("lower-case ma", QStringLiteral("91440300ma5g12343e"), "format", QStringLiteral("upper-case"));
    row("I", QStringLiteral("91440300MI5G12343E"), "charset", QStringLiteral("\"I\""));
    row("O", QStringLiteral("91440300MO5G12343E"), "charset", QStringLiteral("\"O\""));
    row("Z", QStringLiteral("91440300MZ5G12343E"), "charset", QStringLiteral("\"Z\""));
    row("S", QStringLiteral("91440300MS5G12343E"), "charset", QStringLiteral("\"S\""));
    row("V", QStringLiteral("91440300MV5G12343E"), "charset", QStringLiteral("\"V\""));
    row("hyphen", QStringLiteral("91440300-708461136T"), "charset", QStringLiteral("\"-\""));
    row("inner space", QStringLiteral("914403007084 61136T"), "charset");
    row("full-width digit", QStringLiteral("９1440300708461136T"), "charset", QStringLiteral("\"９\""));
    row("17 characters", QStringLiteral("91440300708461136"), "length");
    row("19 characters", QStringLiteral("91440300708461136TT"), "length");
    // The following have correct check characters, so only the rule under test can reject them.
    row("authority 8", QStringLiteral("81440300708461136U"), "format");
    row("authority A", QStringLiteral("A1440300708461136R"), "format");
    row("authority 9 type 4", QStringLiteral("94440300708461136H"), "format");
    row("authority 9 type 9", QStringLiteral("994403007084611362"), "format");
    row("authority Y type 2", QStringLiteral("Y24403007084611362"), "format");
    row("province 00", QStringLiteral("910000007084611360"), "region");
    row("province 99", QStringLiteral("91990000708461136H"), "region");
    row("province 10 but not 100000", QStringLiteral("911010007084611363"), "region");
    row("letters in area code", QStringLiteral("9144AB007084611360"), "region");
    row("organisation check wrong", QStringLiteral("91440300708461137X"), "checksum", QStringLiteral("17th"));
    row("MOD 31 check wrong", QStringLiteral("91440300708461136U"), "checksum",
        QStringLiteral("last character"));
    row("organisation digit mistyped", QStringLiteral("91440300708461126T"), "checksum");
}

void TestValidators::unifiedSocialCreditCode()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::unifiedSocialCreditCode(input), code, messagePart);
}

void TestValidators::mobile_data()
{
    addColumns();
    row("138", QStringLiteral("13812345678"));
    row("150", QStringLiteral("15000000000"));
    row("166", QStringLiteral("16612345678"));
    row("177", QStringLiteral("17712345678"));
    row("199", QStringLiteral("19912345678"));
    row("surrounding spaces trimmed", QStringLiteral(" 13812345678 "));

    row("empty", QString(), "required");
    row("+86", QStringLiteral("+8613812345678"), "format", QStringLiteral("+86"));
    row("+86 with spaces", QStringLiteral("+86 138 1234 5678"), "format", QStringLiteral("+86"));
    row("0086", QStringLiteral("008613812345678"), "format", QStringLiteral("+86"));
    row("86 without plus", QStringLiteral("8613812345678"), "format", QStringLiteral("+86"));
    row("spaces", QStringLiteral("138 1234 5678"), "format", QStringLiteral("spaces or dashes"));
    row("dashes", QStringLiteral("138-1234-5678"), "format", QStringLiteral("spaces or dashes"));
    row("letter", QStringLiteral("1381234567a"), "format");
    row("full-width digits", QStringLiteral("１３８１２３４５６７８"), "format");
    row("10 digits", QStringLiteral("1381234567"), "length");
    row("12 digits", QStringLiteral("138123456789"), "length");
    row("prefix 10", QStringLiteral("10012345678"), "format", QStringLiteral("13 to 19"));
    row("prefix 12", QStringLiteral("12812345678"), "format", QStringLiteral("13 to 19"));
    row("prefix 2", QStringLiteral("23812345678"), "format", QStringLiteral("13 to 19"));
    row("landline", QStringLiteral("07558686888"), "format", QStringLiteral("13 to 19"));
}

void TestValidators::mobile()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::mobile(input), code, messagePart);
}

void TestValidators::email_data()
{
    addColumns();
    row("simple", QStringLiteral("zhangsan@example.com"));
    row("short", QStringLiteral("a@b.cn"));
    row("dots and plus", QStringLiteral("zhang.san+cert@mail.example.com.cn"));
    row("hyphen and underscore", QStringLiteral("first_last@sub-domain.example.org"));
    row("digits", QStringLiteral("12345@qq.com"));
    row("IDN top-level in punycode", QStringLiteral("a@example.xn--fiqs8s"));
    row("surrounding spaces trimmed", QStringLiteral(" zhangsan@example.com "));
    // 64 + 1 + 189 = 254, the longest allowed.
    const QString longDomain = QStringLiteral("b").repeated(63) + QLatin1Char('.')
        + QStringLiteral("c").repeated(63) + QLatin1Char('.') + QStringLiteral("d").repeated(61);
    row("254 characters", QStringLiteral("a").repeated(64) + QLatin1Char('@') + longDomain);

    row("empty", QString(), "required");
    row("255 characters", QStringLiteral("a").repeated(64) + QLatin1Char('@') + longDomain + QLatin1Char('d'),
        "length");
    row("local part 65", QStringLiteral("a").repeated(65) + QStringLiteral("@example.com"), "length");
    row("no @", QStringLiteral("zhangsan.example.com"), "format", QStringLiteral("@"));
    row("two @", QStringLiteral("a@b@example.com"), "format", QStringLiteral("one @"));
    row("double @", QStringLiteral("a@@example.com"), "format", QStringLiteral("one @"));
    row("empty local part", QStringLiteral("@example.com"), "format", QStringLiteral("before the @"));
    row("empty domain", QStringLiteral("zhangsan@"), "format", QStringLiteral("after the @"));
    row("domain without dot", QStringLiteral("zhangsan@localhost"), "format", QStringLiteral("dot"));
    row("space in local part", QStringLiteral("zhang san@example.com"), "format", QStringLiteral("spaces"));
    row("space in domain", QStringLiteral("zhangsan@exa mple.com"), "format", QStringLiteral("spaces"));
    row("leading dot", QStringLiteral(".zhangsan@example.com"), "format");
    row("trailing dot in local part", QStringLiteral("zhangsan.@example.com"), "format");
    row("two dots in local part", QStringLiteral("zhang..san@example.com"), "format");
    row("comment", QStringLiteral("zhangsan(x)@example.com"), "format");
    row("Chinese local part", QStringLiteral("张三@example.com"), "format");
    row("Chinese domain", QStringLiteral("zhangsan@例子.中国"), "format");
    row("label starts with hyphen", QStringLiteral("a@-example.com"), "format");
    row("label ends with hyphen", QStringLiteral("a@example-.com"), "format");
    row("empty label", QStringLiteral("a@example..com"), "format");
    row("leading dot in domain", QStringLiteral("a@.example.com"), "format");
    row("trailing dot in domain", QStringLiteral("a@example.com."), "format");
    row("underscore in domain", QStringLiteral("a@ex_ample.com"), "format");
    row("IP address", QStringLiteral("a@192.168.1.1"), "format");
    row("label of 64", QStringLiteral("a@") + QStringLiteral("b").repeated(64) + QStringLiteral(".com"),
        "format");
}

void TestValidators::email()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::email(input), code, messagePart);
}

void TestValidators::bankAccountNumber_data()
{
    addColumns();
    row("8 digits", QStringLiteral("12345678"));
    row("19 digits failing Luhn", QStringLiteral("4000021309200012345"));
    row("15 digits failing Luhn", QStringLiteral("755915678410101"));
    row("30 digits", QStringLiteral("1234567890").repeated(3));
    row("spaces ignored", QStringLiteral("6222 0212 3456 7890 123"));
    row("ideographic spaces ignored", QStringLiteral("6222\u30000212\u300034567890"));

    row("empty", QString(), "required");
    row("only spaces", QStringLiteral("    "), "required");
    row("7 digits", QStringLiteral("1234567"), "length");
    row("31 digits", QStringLiteral("1234567890").repeated(3) + QLatin1Char('1'), "length");
    row("31 digits with spaces", QStringLiteral("1234 5678 9012 3456 7890 1234 5678 901"), "length");
    row("dashes", QStringLiteral("6222-0212-3456"), "format", QStringLiteral("spaces are ignored"));
    row("letter", QStringLiteral("62220212345A"), "format");
    row("full-width digits", QStringLiteral("１２３４５６７８９"), "format");
}

void TestValidators::bankAccountNumber()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::bankAccountNumber(input), code, messagePart);
}

void TestValidators::personName_data()
{
    addColumns();
    row("two characters", QStringLiteral("张三"));
    row("three characters", QStringLiteral("张三丰"));
    row("compound surname", QStringLiteral("欧阳娜娜"));
    row("middle dot", QStringLiteral("阿依古丽·买买提"));
    row("two middle dots", QStringLiteral("爱新觉罗·溥仪·某"));
    row("Extension A", QStringLiteral("\u3400三"));
    row("30 characters", QStringLiteral("张").repeated(30));
    row("surrounding spaces trimmed", QStringLiteral(" 张三 "));
    row("Latin", QStringLiteral("John Smith"));
    row("Latin upper-case", QStringLiteral("JOHN SMITH"));
    row("Latin hyphen", QStringLiteral("Anna-Maria Müller"));
    row("Latin initials", QStringLiteral("J. R. Smith"));
    row("Latin trailing dot", QStringLiteral("John Smith Jr."));

    row("empty", QString(), "required");
    row("one character", QStringLiteral("张"), "length");
    row("31 characters", QStringLiteral("张").repeated(31), "length");
    row("digit", QStringLiteral("张三1"), "format", QStringLiteral("digits"));
    row("Latin digit", QStringLiteral("John2"), "format", QStringLiteral("digits"));
    row("katakana middle dot U+30FB", QStringLiteral("阿依古丽\u30fb买买提"), "format", QStringLiteral("·"));
    row("bullet U+2022", QStringLiteral("阿依古丽\u2022买买提"), "format", QStringLiteral("·"));
    row("half-width katakana dot U+FF65", QStringLiteral("阿依古丽\uff65买买提"), "format",
        QStringLiteral("·"));
    row("full stop", QStringLiteral("阿依古丽.买买提"), "format", QStringLiteral("·"));
    row("dot at start", QStringLiteral("·张三"), "format", QStringLiteral("start or end"));
    row("dot at end", QStringLiteral("张三·"), "format", QStringLiteral("start or end"));
    row("two dots adjacent", QStringLiteral("张··三"), "format", QStringLiteral("twice"));
    row("space in Chinese name", QStringLiteral("张 三"), "format", QStringLiteral("spaces"));
    row("mixed scripts", QStringLiteral("张三John"), "format", QStringLiteral("not mixed"));
    row("symbol", QStringLiteral("张三@"), "format", QStringLiteral("\"@\""));
    row("Cyrillic", QStringLiteral("Иван"), "format");
    row("Latin double space", QStringLiteral("John  Smith"), "format", QStringLiteral("single"));
    row("Latin leading hyphen", QStringLiteral("-John"), "format");
    row("Latin trailing hyphen", QStringLiteral("John-"), "format");
    row("Latin double hyphen", QStringLiteral("John--Smith"), "format");
    row("full-width Latin", QStringLiteral("Ｊｏｈｎ"), "format");
    row("Latin apostrophe", QStringLiteral("O'Brien"), "format");
}

void TestValidators::personName()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::personName(input), code, messagePart);
}

void TestValidators::organizationName_data()
{
    addColumns();
    row("company", QStringLiteral("深圳市腾讯计算机系统有限公司"));
    row("Latin", QStringLiteral("ABC Ltd."));
    row("digits and letters", QStringLiteral("3M中国有限公司"));
    row("two characters", QStringLiteral("腾讯"));
    row("100 characters", QStringLiteral("公").repeated(100));

    row("empty", QString(), "required");
    row("one character", QStringLiteral("腾"), "length");
    row("101 characters", QStringLiteral("公").repeated(101), "length");
    row("only digits", QStringLiteral("123456"), "format");
    row("only punctuation", QStringLiteral("（）——!!"), "format");
    row("line break", QStringLiteral("深圳市腾讯\n计算机系统有限公司"), "format");
}

void TestValidators::organizationName()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::organizationName(input), code, messagePart);
}

void TestValidators::address_data()
{
    addColumns();
    row("street", QStringLiteral("深圳市南山区科技中一路"));
    row("5 characters", QStringLiteral("南山区一路"));
    row("200 characters", QStringLiteral("路").repeated(200));

    row("empty", QString(), "required");
    row("4 characters", QStringLiteral("南山区路"), "length");
    row("4 characters after trimming", QStringLiteral("  南山区路  "), "length");
    row("201 characters", QStringLiteral("路").repeated(201), "length");
    row("line break", QStringLiteral("深圳市南山区\n科技中一路"), "format");
}

void TestValidators::address()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::address(input), code, messagePart);
}

void TestValidators::certificateSerial_data()
{
    addColumns();
    row("upper-case", QStringLiteral("0A1B2C3D"));
    row("lower-case with colons", QStringLiteral("0a:1b:2c:3d"));
    row("spaces", QStringLiteral("0A 1B 2C 3D"));
    row("one digit", QStringLiteral("1"));
    row("40 digits", QStringLiteral("0123456789").repeated(4));
    row("20 octets with colons", QStringLiteral("AB:").repeated(19) + QStringLiteral("AB"));

    row("empty", QString(), "required");
    row("only spaces", QStringLiteral("   "), "required");
    row("non-hex letter", QStringLiteral("0A1G"), "format", QStringLiteral("hexadecimal"));
    row("dashes", QStringLiteral("0A-1B"), "format");
    row("0x prefix", QStringLiteral("0x1A"), "format");
    row("only colons", QStringLiteral(":::"), "format");
    row("41 digits", QStringLiteral("0123456789").repeated(4) + QLatin1Char('A'), "format",
        QStringLiteral("40"));
    row("full-width", QStringLiteral("０A"), "format");
}

void TestValidators::certificateSerial()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::certificateSerial(input), code, messagePart);
}

void TestValidators::renewalYears_data()
{
    QTest::addColumn<int>("years");
    QTest::addColumn<int>("maxYears");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("1 of default") << 1 << 0 << QString() << QString();
    QTest::newRow("5 of default") << 5 << 0 << QString() << QString();
    QTest::newRow("6 of default") << 6 << 0 << QStringLiteral("range") << QStringLiteral("1 to 5");
    QTest::newRow("0 of default") << 0 << 0 << QStringLiteral("range") << QStringLiteral("1 to 5");
    QTest::newRow("negative") << -1 << 0 << QStringLiteral("range") << QStringLiteral("1 to 5");
    QTest::newRow("3 of 3") << 3 << 3 << QString() << QString();
    QTest::newRow("4 of 3") << 4 << 3 << QStringLiteral("range") << QStringLiteral("1 to 3");
    QTest::newRow("1 of 1") << 1 << 1 << QString() << QString();
    QTest::newRow("2 of 1") << 2 << 1 << QStringLiteral("range") << QStringLiteral("1 to 1");
    QTest::newRow("10 of 10") << 10 << 10 << QString() << QString();
    QTest::newRow("0 of 10") << 0 << 10 << QStringLiteral("range") << QStringLiteral("1 to 10");
}

void TestValidators::renewalYears()
{
    QFETCH(int, years);
    QFETCH(int, maxYears);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    verifyResult(validators::renewalYears(years, maxYears), code, messagePart);
}

void TestValidators::validInstitutionHasNoErrors_data()
{
    QTest::addColumn<CertificateCategory>("category");
    QTest::newRow("institution") << CertificateCategory::Institution;
    QTest::newRow("institution business") << CertificateCategory::InstitutionBusiness;
    QTest::newRow("institution personal") << CertificateCategory::InstitutionPersonal;
}

void TestValidators::validInstitutionHasNoErrors()
{
    QFETCH(CertificateCategory, category);
    Application app = validInstitution();
    app.category = category;
    const FieldErrors errors = validators::validateApplication(app, *m_regions, 5, kToday);
    QCOMPARE(fieldCodes(errors), QSet<QString>());
}

void TestValidators::validNaturalPersonHasNoErrors()
{
    const FieldErrors errors = validators::validateApplication(validNaturalPerson(), *m_regions, 0, kToday);
    QCOMPARE(fieldCodes(errors), QSet<QString>());
}

void TestValidators::emptyInstitutionListsEveryRequiredField()
{
    Application app;
    app.category = CertificateCategory::Institution;
    const FieldErrors errors = validators::validateApplication(app, *m_regions, 0, kToday);
    const QSet<QString> expected
        = withCode({QStringLiteral("serial"), QStringLiteral("acknowledgements.agreement"),
                       QStringLiteral("acknowledgements.old_certificate_revocation"),
                       QStringLiteral("organization.name"), QStringLiteral("organization.credential_number"),
                       QStringLiteral("organization.address"), QStringLiteral("agent.name"),
                       QStringLiteral("agent.id_number"), QStringLiteral("agent.mobile"),
                       QStringLiteral("agent.email"), QStringLiteral("bank.account_name"),
                       QStringLiteral("bank.bank_code"), QStringLiteral("bank.account_number"),
                       QStringLiteral("mailing.province_code"), QStringLiteral("mailing.city_code"),
                       QStringLiteral("mailing.county_code"), QStringLiteral("mailing.address")},
            QStringLiteral("required"));
    QCOMPARE(fieldCodes(errors), expected);
    QCOMPARE(errors.size(), expected.size()); // one error per field
    for (const FieldError& e : errors)
        QVERIFY2(!e.message.isEmpty(), qPrintable(e.field));
}

void TestValidators::emptyNaturalPersonListsEveryRequiredField()
{
    Application app;
    app.category = CertificateCategory::NaturalPerson;
    const FieldErrors errors = validators::validateApplication(app, *m_regions, 0, kToday);
    const QSet<QString> expected
        = withCode({QStringLiteral("serial"), QStringLiteral("acknowledgements.agreement"),
                       QStringLiteral("acknowledgements.old_certificate_revocation"),
                       QStringLiteral("applicant.name"), QStringLiteral("applicant.id_number"),
                       QStringLiteral("applicant.mobile"), QStringLiteral("applicant.email"),
                       QStringLiteral("mailing.province_code"), QStringLiteral("mailing.city_code"),
                       QStringLiteral("mailing.county_code"), QStringLiteral("mailing.address")},
            QStringLiteral("required"));
    QCOMPARE(fieldCodes(errors), expected);
    QCOMPARE(errors.size(), expected.size());
}

void TestValidators::naturalPersonIgnoresInstitutionParts()
{
    // Institution parts kept from an earlier category choice are neither required nor checked.
    Application app = validNaturalPerson();
    app.organization.credentialNumber = QStringLiteral("garbage");
    app.agent.idNumber = QStringLiteral("123");
    app.bank.accountNumber = QStringLiteral("x");
    QCOMPARE(fieldCodes(validators::validateApplication(app, *m_regions, 0, kToday)), QSet<QString>());
}

void TestValidators::institutionIgnoresApplicant()
{
    Application app = validInstitution();
    app.applicant.idNumber = QStringLiteral("123");
    QCOMPARE(fieldCodes(validators::validateApplication(app, *m_regions, 0, kToday)), QSet<QString>());
}

void TestValidators::fieldErrorsCarryPaths()
{
    Application app = validInstitution();
    app.agent.idNumber = QStringLiteral("11010519491231002x");
    app.organization.credentialNumber = QStringLiteral("91440300708461136U");
    const FieldErrors errors = validators::validateApplication(app, *m_regions, 0, kToday);
    QCOMPARE(fieldCodes(errors),
        (QSet<QString> {QStringLiteral("agent.id_number:format"),
            QStringLiteral("organization.credential_number:checksum")}));
    // The message is the validator's own.
    for (const FieldError& e : errors) {
        if (e.field == QLatin1String("agent.id_number"))
            QCOMPARE(e.message, validators::idNumber(app.agent.idNumber, kToday)->message);
    }

    Application person = validNaturalPerson();
    person.applicant.mobile = QStringLiteral("+8613812345678");
    QCOMPARE(fieldCodes(validators::validateApplication(person, *m_regions, 0, kToday)),
        QSet<QString> {QStringLiteral("applicant.mobile:format")});
}

void TestValidators::everyProblemAtOnce()
{
    Application app = validInstitution();
    app.serial = QStringLiteral("XYZ");
    app.years = 9;
    app.acknowledgements.oldCertificateRevocation = false;
    app.organization.name = QStringLiteral("123");
    app.agent.name = QStringLiteral("张三1");
    app.agent.mobile = QStringLiteral("12812345678");
    app.agent.email = QStringLiteral("zhangsan@localhost");
    app.agent.idNumber = QStringLiteral("440305199002301239");
    app.bank.bankCode.clear();
    app.bank.accountNumber = QStringLiteral("123");
    app.mailing.countyCode = QStringLiteral("440106");
    app.mailing.address = QStringLiteral("南山");
    const FieldErrors errors = validators::validateApplication(app, *m_regions, 5, kToday);
    QCOMPARE(fieldCodes(errors),
        (QSet<QString> {QStringLiteral("serial:format"), QStringLiteral("years:range"),
            QStringLiteral("acknowledgements.old_certificate_revocation:required"),
            QStringLiteral("organization.name:format"), QStringLiteral("agent.name:format"),
            QStringLiteral("agent.mobile:format"), QStringLiteral("agent.email:format"),
            QStringLiteral("agent.id_number:date"), QStringLiteral("bank.bank_code:required"),
            QStringLiteral("bank.account_number:length"), QStringLiteral("mailing.county_code:nesting"),
            QStringLiteral("mailing.address:length")}));
}

void TestValidators::yearsUseMaxYears()
{
    Application app = validInstitution();
    app.years = 3;
    QCOMPARE(fieldCodes(validators::validateApplication(app, *m_regions, 3, kToday)), QSet<QString>());
    QCOMPARE(fieldCodes(validators::validateApplication(app, *m_regions, 2, kToday)),
        QSet<QString> {QStringLiteral("years:range")});
    app.years = 6;
    QCOMPARE(fieldCodes(validators::validateApplication(app, *m_regions, 0, kToday)),
        QSet<QString> {QStringLiteral("years:range")});
}

void TestValidators::mailingNesting_data()
{
    QTest::addColumn<QString>("province");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("county");
    QTest::addColumn<QStringList>("expected"); // "field:code" below mailing.

    const auto add = [](const char* name, const char* p, const char* c, const char* k, const QStringList& e) {
        QTest::newRow(name) << QString::fromLatin1(p) << QString::fromLatin1(c) << QString::fromLatin1(k)
                            << e;
    };
    add("Shenzhen Nanshan", "440000", "440300", "440305", {});
    add("Shenzhen Futian", "440000", "440300", "440304", {});
    add("Guangzhou Tianhe", "440000", "440100", "440106", {});
    add("Beijing municipality", "110000", "110100", "110105", {});
    add("unknown province", "990000", "440300", "440305", {QStringLiteral("province_code:nesting")});
    add("city code as province", "440300", "440300", "440305", {QStringLiteral("province_code:nesting")});
    add("city of another province", "440000", "110100", "110105", {QStringLiteral("city_code:nesting")});
    add("county code as city", "440000", "440305", "440305", {QStringLiteral("city_code:nesting")});
    add("unknown city", "440000", "449900", "440305", {QStringLiteral("city_code:nesting")});
    add("county of another city", "440000", "440300", "440106", {QStringLiteral("county_code:nesting")});
    add("county of another city 2", "440000", "440100", "440305", {QStringLiteral("county_code:nesting")});
    add("county of another province", "440000", "440300", "110105", {QStringLiteral("county_code:nesting")});
    add("city code as county", "440000", "440300", "440300", {QStringLiteral("county_code:nesting")});
    add("unknown county", "440000", "440300", "440399", {QStringLiteral("county_code:nesting")});
    add("all missing", "", "", "",
        {QStringLiteral("province_code:required"), QStringLiteral("city_code:required"),
            QStringLiteral("county_code:required")});
    add("county missing", "440000", "440300", "", {QStringLiteral("county_code:required")});
    add("city missing", "440000", "", "440305", {QStringLiteral("city_code:required")});
    add("unknown province, rest missing", "990000", "", "",
        {QStringLiteral("province_code:nesting"), QStringLiteral("city_code:required"),
            QStringLiteral("county_code:required")});
    add("wrong city, county missing", "440000", "110100", "",
        {QStringLiteral("city_code:nesting"), QStringLiteral("county_code:required")});
}

void TestValidators::mailingNesting()
{
    QFETCH(QString, province);
    QFETCH(QString, city);
    QFETCH(QString, county);
    QFETCH(QStringList, expected);

    Application app = validInstitution();
    app.mailing.provinceCode = province;
    app.mailing.cityCode = city;
    app.mailing.countyCode = county;
    QSet<QString> want;
    for (const QString& e : expected)
        want.insert(QStringLiteral("mailing.") + e);
    const FieldErrors errors = validators::validateApplication(app, *m_regions, 0, kToday);
    QCOMPARE(fieldCodes(errors), want);
    QCOMPARE(errors.size(), want.size()); // at most one error per field
}

QTEST_GUILESS_MAIN(TestValidators)
#include "tst_validators.moc"
