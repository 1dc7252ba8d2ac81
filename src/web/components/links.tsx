// Mantine components that navigate with TanStack Router, keeping its typed `to`, `params` and `search`.
import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
  UnstyledButton,
  type UnstyledButtonProps,
} from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

type AnchorAttributes = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

function AnchorBase(props: AnchorProps & AnchorAttributes & { ref?: Ref<HTMLAnchorElement> }) {
  return <Anchor component="a" {...props} />;
}
function ButtonBase(props: ButtonProps & AnchorAttributes & { ref?: Ref<HTMLAnchorElement> }) {
  return <Button component="a" {...props} />;
}
function NavLinkBase(props: NavLinkProps & AnchorAttributes & { ref?: Ref<HTMLAnchorElement> }) {
  return <NavLink component="a" {...props} />;
}
function UnstyledBase(props: UnstyledButtonProps & AnchorAttributes & { ref?: Ref<HTMLAnchorElement> }) {
  return <UnstyledButton component="a" {...props} />;
}

const CreatedAnchor = createLink(AnchorBase);
const CreatedButton = createLink(ButtonBase);
const CreatedNavLink = createLink(NavLinkBase);
const CreatedUnstyled = createLink(UnstyledBase);

export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchor {...props} />;
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <CreatedButton {...props} />;
export const NavLinkLink: LinkComponent<typeof NavLinkBase> = (props) => <CreatedNavLink {...props} />;
export const UnstyledLink: LinkComponent<typeof UnstyledBase> = (props) => <CreatedUnstyled {...props} />;
