"""Account forms. Each message says how to fix the problem."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..forms import PortalForm

PASSWORD_MIN = 12
PASSWORD_MAX = 128


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field():
    return EmailField(
        _l("E-mail address"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter your e-mail address")),
            Length(max=320, message=_l("The e-mail address can be at most 320 characters")),
            Email(_l("Enter an e-mail address in the right format, like name@example.no"), check_deliverability=False),
        ],
    )


def _new_password_field():
    return PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Choose a password")),
            Length(
                min=PASSWORD_MIN, max=PASSWORD_MAX, message=_l("The password must be between 12 and 128 characters")
            ),
        ],
    )


def _repeat_field():
    return PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(_l("Repeat the password")),
            EqualTo("password", _l("The two passwords are not the same. Type the same password twice")),
        ],
    )


class RegisterForm(PortalForm):
    email = _email_field()
    password = _new_password_field()
    password_repeat = _repeat_field()

    def validate_password(self, field):
        if self.email.data and field.data and field.data.strip().lower() == self.email.data.strip().lower():
            raise ValidationError(_l("The password cannot be your e-mail address"))


class LoginForm(PortalForm):
    email = _email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])


class ForgotPasswordForm(PortalForm):
    email = _email_field()


class ResetPasswordForm(PortalForm):
    password = _new_password_field()
    password_repeat = _repeat_field()
