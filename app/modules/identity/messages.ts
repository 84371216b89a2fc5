// Emails of the account flows, built from plain data. Sign-up and password reset answer
// every address the same way on the page; what differs is only what the inbox receives.

function firstName(name: string) {
  return name.split(" ")[0] || name;
}

export function confirmSignUpMessage(input: { name: string; link: string; validHours: number }) {
  return {
    subject: "Confirm your email to finish signing up to Peerloop",
    text: [
      `Hi ${firstName(input.name)},`,
      "",
      "Open this link to confirm your email address and activate your Peerloop account:",
      input.link,
      "",
      `The link works once, for ${input.validHours} hours.`,
      "If you did not sign up, ignore this email: no account is created without it.",
      "",
      "— Peerloop",
    ].join("\n"),
  };
}

export function alreadyRegisteredMessage(input: { loginUrl: string; resetUrl: string }) {
  return {
    subject: "Someone tried to sign up to Peerloop with your address",
    text: [
      "Hello,",
      "",
      "Someone (perhaps you) just tried to create a Peerloop account with this email",
      "address. You already have one, so nothing was changed.",
      "",
      `Log in: ${input.loginUrl}`,
      `Forgot your password? Reset it: ${input.resetUrl}`,
      "",
      "If it was not you, you can ignore this email.",
      "",
      "— Peerloop",
    ].join("\n"),
  };
}

export function resetPasswordMessage(input: { name: string; link: string; validMinutes: number }) {
  return {
    subject: "Reset your Peerloop password",
    text: [
      `Hi ${firstName(input.name)},`,
      "",
      "Open this link to choose a new password:",
      input.link,
      "",
      `The link works once, for ${input.validMinutes} minutes. Choosing a new password logs`,
      "you out everywhere else.",
      "If you did not ask for this, ignore this email: your password stays as it is.",
      "",
      "— Peerloop",
    ].join("\n"),
  };
}

export function resetWithoutAccountMessage(input: { signupUrl: string }) {
  return {
    subject: "Password reset requested for Peerloop",
    text: [
      "Hello,",
      "",
      "Someone (perhaps you) asked to reset the Peerloop password of this email address,",
      "but there is no Peerloop account for it.",
      "",
      `To create one: ${input.signupUrl}`,
      "",
      "If it was not you, you can ignore this email.",
      "",
      "— Peerloop",
    ].join("\n"),
  };
}
