/* GOV.UK Frontend's check for JavaScript, from a file rather than inline: the page's
   Content-Security-Policy runs no inline script. Loaded (without defer) first in <body>, so the
   classes are set before anything is drawn. */
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
