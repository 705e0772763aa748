#include "domain/RegionModel.h"
#include "storage/DraftStore.h"
#include "storage/LocalStore.h"
#include "widgets/FormField.h"
#include "wizard/ApplicationWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "Fixtures.h"
#include "TypeText.h"

using namespace certdesk;
using ui::ApplicationWizard;

namespace {

template<typename T>
T* find(QWidget* root, const char* name)
{
    auto* w = root->findChild<T*>(QLatin1String(name));
    if (!w)
        qFatal("widget %s not found", name);
    return w;
}

void type(QWidget* root, const char* edit, const QString& text)
{
    auto* e = find<QLineEdit>(root, edit);
    e->setFocus();
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Backspace);
    certdesk::test::typeText(e, text);
    Q_EMIT e->editingFinished();
}

bool nextEnabled(QWizard& w)
{
    return w.button(QWizard::NextButton)->isEnabled();
}

void selectCode(QComboBox* box, const QString& code)
{
    const int index = box->findData(code);
    QVERIFY2(index > 0, qPrintable(code));
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}

} // namespace

class TestWizard : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // Resumes a draft saved right after the lookup and goes to the form page of its kind.
    static void resumeAtForm(ApplicationWizard& w, CertificateCategory category, DraftStore* drafts = nullptr)
    {
        const Application start = test::afterLookup(category);
        const int page = isInstitution(category) ? ApplicationWizard::OrganizationPage
                                                 : ApplicationWizard::ApplicantPage;
        w.resumeDraft(drafts ? drafts->create(start, page) : QString(), start, page);
        QCOMPARE(w.currentId(), page);
    }

private Q_SLOTS:
    void agreementAndSerial()
    {
        ApplicationWizard w(nullptr, RegionModel::builtin(), nullptr);
        w.show();
        // No kind is asked first: the lookup decides it.
        QCOMPARE(w.currentId(), int(ApplicationWizard::AgreementPage));
        QVERIFY(find<QTextBrowser>(&w, "agreementText")
                    ->toPlainText()
                    .contains(QStringLiteral("No certificate service")));
        QVERIFY(!nextEnabled(w)); // nothing acknowledged yet
        find<QCheckBox>(&w, "acknowledgeAgreement")->click();
        QVERIFY(!nextEnabled(w)); // the revocation warning must be acknowledged too
        find<QCheckBox>(&w, "acknowledgeRevocation")->click();
        QVERIFY(nextEnabled(w));
        QVERIFY(w.application().acknowledgements.acknowledgedAt.isValid());
        w.next();
        QCOMPARE(w.currentId(), int(ApplicationWizard::LookupPage));
        type(&w, "edit_serial", QStringLiteral("zz"));
        QVERIFY(find<QLabel>(&w, "error_serial")->isVisibleTo(&w));
        type(&w, "edit_serial", QStringLiteral("5f:3a 0c"));
        QCOMPARE(w.application().serial, QStringLiteral("5F3A0C"));
        QVERIFY(!find<QLabel>(&w, "error_serial")->isVisibleTo(&w));
        // Without a lookup answer the page cannot be left; with no service configured the page says so.
        QVERIFY(!nextEnabled(w));
        find<QPushButton>(&w, "lookupButton")->click();
        QVERIFY(!find<QLabel>(&w, "lookupResult")->text().isEmpty());
        QVERIFY(!nextEnabled(w));
    }

    void institutionFlowWithInlineErrors()
    {
        LocalStore store(m_dir.filePath(QStringLiteral("a.sqlite")));
        DraftStore drafts(store);
        ApplicationWizard w(&drafts, RegionModel::builtin(), nullptr);
        w.show();
        resumeAtForm(w, CertificateCategory::InstitutionBusiness, &drafts);
        QVERIFY(!nextEnabled(w));

        type(&w, "edit_organization_name", QStringLiteral("深圳市示例科技有限公司"));
        type(&w, "edit_organization_credential_number", QStringLiteral("91440300708461136T"));
        type(&w, "edit_organization_address", QStringLiteral("深圳市南山区科技园一路1号"));
        type(&w, "edit_agent_name", QStringLiteral("张三"));
        // Wrong check character: the error shows next to the field, and Next stays disabled.
        type(&w, "edit_agent_id_number", QStringLiteral("110105194912310021"));
        auto* idError = find<QLabel>(&w, "error_agent_id_number");
        QVERIFY(idError->isVisibleTo(&w));
        QVERIFY(!idError->text().isEmpty());
        QCOMPARE(find<QLineEdit>(&w, "edit_agent_id_number")->accessibleDescription(), idError->text());
        type(&w, "edit_agent_id_number", QStringLiteral("11010519491231002X"));
        type(&w, "edit_agent_mobile", QStringLiteral("13800138000"));
        QVERIFY(!nextEnabled(w));
        type(&w, "edit_agent_email", QStringLiteral("zhangsan@example.com"));
        QVERIFY2(nextEnabled(w), qPrintable(idError->text()));
        QVERIFY(!idError->isVisibleTo(&w));

        w.next();
        QCOMPARE(w.currentId(), int(ApplicationWizard::BankPage));
        QVERIFY(!nextEnabled(w));
        type(&w, "edit_bank_account_name", QStringLiteral("深圳市示例科技有限公司"));
        type(&w, "edit_bank_account_number", QStringLiteral("4000 0230 0920 0123 456"));
        QCOMPARE(w.application().bank.accountNumber, QStringLiteral("4000023009200123456"));
        // The bank must be picked from the service's list; typed text alone is not a bank.
        type(&w, "edit_bank_bank_code", QStringLiteral("工商"));
        QVERIFY(w.application().bank.bankCode.isEmpty());
        QVERIFY(!nextEnabled(w));
        // (Picking from the list is driven against the real service in tst_journey.) Here: a resumed pick.
        w.application().bank.bankCode = QStringLiteral("102584002170");
        w.application().bank.bankName = QStringLiteral("中国工商银行股份有限公司深圳南山支行");
        w.back();
        w.next();
        QCOMPARE(find<QLineEdit>(&w, "edit_bank_bank_code")->text(),
            QStringLiteral("中国工商银行股份有限公司深圳南山支行"));
        QVERIFY(nextEnabled(w));
        w.next();
        QCOMPARE(w.currentId(), int(ApplicationWizard::MailingPage));
        QVERIFY(!nextEnabled(w));
        selectCode(find<QComboBox>(&w, "combo_mailing_province_code"), QStringLiteral("440000"));
        selectCode(find<QComboBox>(&w, "combo_mailing_city_code"), QStringLiteral("440300"));
        selectCode(find<QComboBox>(&w, "combo_mailing_county_code"), QStringLiteral("440305"));
        type(&w, "edit_mailing_address", QStringLiteral("科技园一路1号"));
        QVERIFY(nextEnabled(w));
        QCOMPARE(w.application().mailing.countyCode, QStringLiteral("440305"));
        // Changing the province clears the city and county below it.
        selectCode(find<QComboBox>(&w, "combo_mailing_province_code"), QStringLiteral("110000"));
        QVERIFY(w.application().mailing.cityCode.isEmpty());
        QVERIFY(!nextEnabled(w));

        // Every edit was saved: the stored draft equals the wizard's value.
        const auto saved = drafts.load(w.draftId());
        QVERIFY(saved);
        QCOMPARE(saved->application, w.application());
        QCOMPARE(saved->step, int(ApplicationWizard::MailingPage));
    }

    void naturalPersonSkipsOrganization()
    {
        ApplicationWizard w(nullptr, RegionModel::builtin(), nullptr);
        w.show();
        resumeAtForm(w, CertificateCategory::NaturalPerson);
        QVERIFY(w.findChild<QLineEdit*>(QStringLiteral("edit_applicant_id_number")));
        type(&w, "edit_applicant_name", QStringLiteral("阿依古丽·买买提"));
        type(&w, "edit_applicant_id_number", QStringLiteral("11010519491231002X"));
        type(&w, "edit_applicant_mobile", QStringLiteral("13800138000"));
        type(&w, "edit_applicant_email", QStringLiteral("a@example.com"));
        QVERIFY(nextEnabled(w));
        w.next();
        QCOMPARE(w.currentId(), int(ApplicationWizard::MailingPage));
    }

    void serverErrorsGoToTheirField()
    {
        ApplicationWizard w(nullptr, RegionModel::builtin(), nullptr);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        resumeAtForm(w, CertificateCategory::Institution);
        type(&w, "edit_organization_name", QStringLiteral("深圳市示例科技有限公司"));
        type(&w, "edit_organization_credential_number", QStringLiteral("91440300708461136T"));
        type(&w, "edit_organization_address", QStringLiteral("深圳市南山区科技园一路1号"));
        type(&w, "edit_agent_name", QStringLiteral("张三"));
        type(&w, "edit_agent_id_number", QStringLiteral("11010519491231002X"));
        type(&w, "edit_agent_mobile", QStringLiteral("13800138000"));
        type(&w, "edit_agent_email", QStringLiteral("zhangsan@example.com"));
        w.next();
        QCOMPARE(w.currentId(), int(ApplicationWizard::BankPage));
        // As a 422 from the service would say it: the wizard returns to the page, shows it, focuses the
        // field.
        const QString message = QStringLiteral("The mobile number is not registered under this ID number.");
        QVERIFY(
            w.showErrors({{QStringLiteral("agent.mobile"), QStringLiteral("realname_mismatch"), message}}));
        QCOMPARE(w.currentId(), int(ApplicationWizard::OrganizationPage));
        QVERIFY(find<QLabel>(&w, "error_agent_mobile")->text().contains(message));
        QVERIFY(find<QLabel>(&w, "error_agent_mobile")->text().contains(QLatin1String("help:realname")));
        QVERIFY(find<QLabel>(&w, "error_agent_mobile")->isVisibleTo(&w));
        QCOMPARE(QApplication::focusWidget(), find<QLineEdit>(&w, "edit_agent_mobile"));
        QVERIFY(!w.showErrors({{QStringLiteral("no.such.field"), QStringLiteral("x"), QStringLiteral("x")}}));
    }

    void resumeContinuesWhereStopped()
    {
        LocalStore store(m_dir.filePath(QStringLiteral("b.sqlite")));
        DraftStore drafts(store);
        QString id;
        {
            ApplicationWizard w(&drafts, RegionModel::builtin(), nullptr);
            w.show();
            resumeAtForm(w, CertificateCategory::Institution, &drafts);
            type(&w, "edit_organization_name", QStringLiteral("示例单位"));
            id = w.draftId();
        }
        const auto draft = drafts.load(id);
        QVERIFY(draft);
        QCOMPARE(draft->application.organization.name, QStringLiteral("示例单位"));
        ApplicationWizard w(&drafts, RegionModel::builtin(), nullptr);
        w.show();
        w.resumeDraft(draft->id, draft->application, draft->step);
        QCOMPARE(w.currentId(), int(ApplicationWizard::OrganizationPage));
        QCOMPARE(find<QLineEdit>(&w, "edit_organization_name")->text(), QStringLiteral("示例单位"));
        w.back();
        QCOMPARE(w.currentId(), int(ApplicationWizard::YearsPage));
        w.back();
        QCOMPARE(w.currentId(), int(ApplicationWizard::LookupPage));
        QCOMPARE(find<QLineEdit>(&w, "edit_serial")->text(), QStringLiteral("5F3A0C"));
        QCOMPARE(drafts.list().size(), 1); // resuming did not fork a second draft
    }
};

QTEST_MAIN(TestWizard)
#include "tst_wizard.moc"
