#pragma once

#include "wizard/ApplicationPage.h"

class QCompleter;
class QLabel;
class QStandardItemModel;
class QTimer;

namespace certdesk::ui {

class FormField;

// 金融认证信息 (institutions): 基本户名称, 基本户开户行 (type a keyword such as 工商 and pick from the
// service's list, searched after a short pause in typing), 基本户账号.
class BankPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit BankPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;
    void showExtraError(const QString& apiPath, const QString& message) override;

private:
    void search();
    void pick(const QString& code, const QString& name);

    FormField* m_accountName;
    FormField* m_bank;
    FormField* m_accountNumber;
    QStandardItemModel* m_matches;
    QCompleter* m_completer;
    QTimer* m_debounce;
    QString m_bankCode;
    QString m_bankName;
    quint64 m_searchSerial = 0;
};

} // namespace certdesk::ui
